-- wrk script for benchmarks/run: spreads the requests over distinct Host values, round-robin per request, so that
-- the starter's one-entry memo of the last passing host rarely hits. The hosts are h01.example.test, h02... and
-- api.example.test (all trusted by the sample apps: api.example.test and *.example.test), each with the port:
--   wrk ... -s benchmarks/many-hosts.lua https://127.0.0.1:18443/v1/health -- 64
local requests = {}
local i = 0

function init(args)
   local n = tonumber(args[1]) or 64
   for k = 1, n - 1 do
      requests[k] = wrk.format(nil, nil, { Host = string.format("h%02d.example.test:%s", k, wrk.port) })
   end
   requests[n] = wrk.format(nil, nil, { Host = "api.example.test:" .. wrk.port })
end

function request()
   i = i % #requests + 1
   return requests[i]
end
