-- wrk script for benchmarks/run's end-to-end parts.
--
-- Hosts: with an argument N, the requests go round-robin to N distinct Host values, so that the starter's one-entry
-- memo of the last passing host rarely hits: h01.example.test, h02... and api.example.test (all trusted by the sample
-- apps: api.example.test and *.example.test), each with the port. Without one, every request is the same (the Host
-- given with -H):
--   wrk ... -s benchmarks/load.lua https://127.0.0.1:18443/v1/health -- 64
--
-- Counting: with WRK_COUNT_FILE set, the number of responses so far is written to that file every 50 responses (to a
-- temporary file, then renamed, so a reader never sees half a number). benchmarks/run keeps one wrk per app running
-- for a whole measurement and reads the count at the start and the end of each window, so that no window starts with
-- new connections: the connections a finished wrk closes make both JVMs throw away their compiled event loop and
-- request path (made not entrant, then recompiled through the profiling tier for 10 to 25 s), which the earlier
-- method, one wrk run per window, measured as much as the apps.
local requests = {}
local default
local i = 0
local count_file = os.getenv("WRK_COUNT_FILE")
local count = 0

function init(args)
   local n = tonumber(args[1]) or 0
   for k = 1, n - 1 do
      requests[k] = wrk.format(nil, nil, { Host = string.format("h%02d.example.test:%s", k, wrk.port) })
   end
   if n > 0 then
      requests[n] = wrk.format(nil, nil, { Host = "api.example.test:" .. wrk.port })
   end
   default = wrk.format()
end

function request()
   if #requests == 0 then
      return default
   end
   i = i % #requests + 1
   return requests[i]
end

function response(status, headers, body)
   count = count + 1
   if count_file and count % 50 == 0 then
      local f = io.open(count_file .. ".tmp", "w")
      f:write(count, "\n")
      f:close()
      os.rename(count_file .. ".tmp", count_file)
   end
end
