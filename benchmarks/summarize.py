#!/usr/bin/env python3
"""Turns the raw output of benchmarks/run (one results directory) into summary.md: every figure, and every
comparison as a ratio between variants measured in the same run (per round, then the median of the rounds)."""
import glob
import json
import os
import re
import statistics
import sys

out = sys.argv[1]
lines = []
p = lines.append


def median(values):
    return statistics.median(values) if values else float("nan")


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


def verdict(ok):
    return "met" if ok else "MISSED"


p(f"# Benchmark summary ({os.path.basename(out)})\n")
p("```")
p(open(os.path.join(out, "machine.txt")).read().strip())
p("```\n")

# --- per request -------------------------------------------------------------------------------------------
SERVLET = ("naiveFilter", "springSecurityHeaderWriterFilter")
REACTIVE = ("naiveWebFilter", "springSecurityHeaderWriterWebFilter")


def per_request_jmh(prefix, benchmark, harness, names=SERVLET):
    naive, spring = names
    rounds = sorted(glob.glob(os.path.join(out, prefix + "-[0-9]*.json")))
    if rounds:
        variants = ["floor", naive, "naiveFilterSetIfAbsent", spring, "starter", "starterHeadersOnly"]
        per_round = []
        for path in rounds:
            data = {}
            for entry in json.load(open(path)):
                name = entry["benchmark"].rsplit(".", 1)[1]
                raw = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
                data[name] = (statistics.median(raw), entry["primaryMetric"]["scoreError"],
                              entry["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
            per_round.append(data)
        p(f"## Per request, {harness} (JMH, `{benchmark}`, `-prof gc`; wall-clock time)\n")
        p("| Round | Variant | ns/op (median of iterations) | JMH error of the mean (99.9 %) | B/op | ns/op over the floor | B/op over the floor |")
        p("|---|---|---:|---:|---:|---:|---:|")
        for i, data in enumerate(per_round, 1):
            floor_ns, _, floor_b = data["floor"]
            for v in variants:
                if v in data:
                    ns, err, b = data[v]
                    p(f"| {i} | {v} | {fmt(ns)} | {fmt(err)} | {fmt(b)} | {fmt(ns - floor_ns)} | {fmt(b - floor_b)} |")
        ratios = {k: [] for k in ["s/ss", "s/naive", "sn/ssn", "sn/naiven", "b/naive", "bn/naiven", "h/ss", "hn/ssn",
                                   "h/naive"]}
        for data in per_round:
            f = data["floor"][0]
            fb = data["floor"][2]
            s, ss, n, h = data["starter"][0], data[spring][0], data[naive][0], data["starterHeadersOnly"][0]
            ratios["s/ss"].append(s / ss)
            ratios["s/naive"].append(s / n)
            ratios["sn/ssn"].append((s - f) / (ss - f) if ss > f else float("nan"))
            ratios["sn/naiven"].append((s - f) / (n - f) if n > f else float("nan"))
            ratios["b/naive"].append(data["starter"][2] / data[naive][2])
            ratios["bn/naiven"].append((data["starter"][2] - fb) / (data[naive][2] - fb))
            ratios["h/ss"].append(h / ss)
            ratios["hn/ssn"].append((h - f) / (ss - f) if ss > f else float("nan"))
            ratios["h/naive"].append(h / n)
        p("")
        p("Ratios, per round (same JMH run), and their median:\n")
        p("| Ratio | per round | median | target |")
        p("|---|---|---:|---|")
        def row(label, key, target=None, limit=None):
            values = ratios[key]
            m = median(values)
            t = "" if target is None else f"{target}: {verdict(m <= limit)}"
            p(f"| {label} | {', '.join(f'{v:.2f}' for v in values)} | {m:.2f} | {t} |")
        row("starter / Spring Security, total ns", "s/ss")
        row("starter / Spring Security, ns over the floor", "sn/ssn", "≤ 0.5", 0.5)
        row("starter / naive, total ns", "s/naive", "≤ 1.0", 1.0)
        row("starter / naive, ns over the floor", "sn/naiven")
        row("starter headers only / Spring Security, total ns", "h/ss")
        row("starter headers only / Spring Security, ns over the floor", "hn/ssn")
        row("starter headers only / naive, total ns", "h/naive")
        row("starter / naive, B/op", "b/naive", "≤ 1.0", 1.0)
        row("starter / naive, B/op over the floor", "bn/naiven")
        p("")



per_request_jmh("per-request", "PerRequestBenchmark", "Spring's mock request and response")
per_request_jmh("tomcat-per-request", "TomcatPerRequestBenchmark", "Tomcat's request and response")
per_request_jmh("reactive-per-request", "ReactivePerRequestBenchmark",
                "WebFlux: mock exchange through a WebFilter chain", REACTIVE)

def interleaved(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    text = open(path).read().strip()
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and not line.startswith("#") and parts[0] != "variant":
            rows[parts[0]] = [float(x) for x in parts[1:]]
    return text, rows


def per_request_interleaved(name, mode, harness, names=SERVLET):
    naive, spring = names
    il = interleaved(name)
    if il:
        text, rows = il
        p(f"## Per request, {harness}, interleaved CPU time (`InterleavedRunner {mode}`)\n")
        p("Columns: median CPU ns/op and B/op over the rounds; the same minus the floor; median over the rounds of "
          "each round's ratio to Spring Security's filter and to the naive filter, in total and over the floor.\n")
        p("```\n" + text + "\n```\n")
        s_ = rows["starter"]
        naive_bytes = rows[naive][1]
        p("| Target | Figure | Verdict |")
        p("|---|---|---|")
        p(f"| starter ≤ 0.5 × Spring Security per request | {s_[6]:.2f} × over the floor ({s_[4]:.2f} × in total) | {verdict(s_[6] <= 0.5)} |")
        p(f"| starter no slower than the naive filter | {s_[5]:.2f} × in total ({s_[7]:.2f} × over the floor) | {verdict(s_[5] <= 1.0)} |")
        p(f"| starter B/op ≤ naive B/op | {s_[1]:.0f} vs {naive_bytes:.0f} B/op ({s_[1] / naive_bytes:.2f} ×; over the floor {s_[3]:.0f} vs {rows[naive][3]:.0f}) | {verdict(s_[1] <= naive_bytes)} |")
        p("")



per_request_interleaved("interleaved-per-request.txt", "per-request", "Spring's mock request and response")
per_request_interleaved("interleaved-tomcat-per-request.txt", "per-request-tomcat", "Tomcat's request and response")
per_request_interleaved("interleaved-reactive-per-request.txt", "per-request-reactive",
                        "WebFlux: mock exchange through a WebFilter chain", REACTIVE)
il = interleaved("interleaved-reactive-per-request.txt")
if il:
    rows = il[1]
    h = rows["starterHeadersOnly"]
    p(f"WebFlux, starter headers only: {h[4]:.2f} × Spring Security in total ({h[6]:.2f} × over the floor); "
      f"{h[5]:.2f} × the naive WebFilter in total ({h[7]:.2f} × over the floor).\n")

il = interleaved("interleaved-hosts.txt")
if il:
    text, rows = il
    p("## Trusted-host check scaling, interleaved CPU time (`InterleavedRunner hosts`): the figures the target is judged on\n")
    p("```\n" + text + "\n```\n")
    p("| Host | 10 000 / 10 entries | Verdict (≤ 1.2) |")
    p("|---|---:|---|")
    for host in ["exact", "deepWildcard", "rejected"]:
        r = rows[f"{host}/10000"][2]
        p(f"| {host} | {r:.3f} | {verdict(r <= 1.2)} |")
    p("")

# --- host check ----------------------------------------------------------------------------------------------
host_json = os.path.join(out, "host-check.json")
if os.path.exists(host_json):
    tables = {}
    for entry in json.load(open(host_json)):
        params = entry["params"]
        raw = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
        method = entry["benchmark"].rsplit(".", 1)[1]
        tables.setdefault(method, {})[(params["host"], int(params["entries"]))] = (
            statistics.median(raw), entry["primaryMetric"]["scoreError"],
            entry["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
    titles = {"check": "a Host header other than the previous call's, parsed and matched",
              "checkSameHostAgain": "the previous call's Host header again (remembered when it passed)"}
    for method in ["check", "checkSameHostAgain"]:
        table = tables.get(method)
        if not table:
            continue
        p(f"## Trusted-host check scaling (JMH, `HostCheckBenchmark.{method}`: {titles[method]})\n")
        sizes = sorted({k[1] for k in table})
        judged = method == "check"  # the scaling target is judged on the matching, not on the remembered case
        p("| Host | " + " | ".join(f"{s:,} entries ns/op (B/op)" for s in sizes) + f" | {sizes[-1]:,} / {sizes[0]:,} |"
          + (" target ≤ 1.2 |" if judged else ""))
        p("|---|" + "---:|" * (len(sizes) + 1 + judged))
        for host in ["exact", "deepWildcard", "rejected"]:
            cells = [f"{table[(host, s)][0]:.1f} ± {table[(host, s)][1]:.1f} ({table[(host, s)][2]:.0f})" for s in sizes]
            ratio = table[(host, sizes[-1])][0] / table[(host, sizes[0])][0]
            p(f"| {host} | " + " | ".join(cells) + f" | {ratio:.2f} |" + (f" {verdict(ratio <= 1.2)} |" if judged else ""))
        p("")

# --- end to end ---------------------------------------------------------------------------------------------
def wrk(path):
    text = open(path).read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    m = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    p99 = float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    socket = re.search(r"Socket errors: (.*)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    ticks = re.search(r"app-cpu-ticks: (\d+) hz: (\d+)", text)
    cpu_us = (int(ticks.group(1)) / int(ticks.group(2)) * 1e6 / requests) if ticks else float("nan")
    jit = re.search(r"jit-cpu-ticks: (\d+)", text)
    jit_us = (int(jit.group(1)) / int(ticks.group(2)) * 1e6 / requests) if jit and ticks else float("nan")
    # Both apps loaded at once (BENCH_E2E_CONCURRENT=1): the CPU time of the app's own Tomcat threads, and of the
    # threads the two apps share (GC, JIT, VM), in ms over the round.
    threads = re.search(r"app-thread-cpu-ms: ([\d.]+)", text)
    shared = re.search(r"shared-thread-cpu-ms: vm ([\d.]+) jit ([\d.]+) rest ([\d.]+)", text)
    if threads:
        cpu_us = float(threads.group(1)) * 1000 / requests
    shared_ms = tuple(float(shared.group(i)) for i in (1, 2, 3)) if shared else None
    return (rps, p99, (int(errors.group(1)) if errors else 0), (socket.group(1) if socket else ""), cpu_us, jit_us,
            requests, shared_ms)

wrk_files = sorted(glob.glob(os.path.join(out, "wrk-*-with.txt")),
                   key=lambda path: int(re.search(r"wrk-(\d+)-with", path).group(1)))
if wrk_files:
    p("## End to end (wrk, sample app over HTTPS on loopback, `GET /v1/health`, `Host: api.example.test`)\n")
    concurrent = "app-thread-cpu-ms:" in open(wrk_files[0]).read()
    if concurrent:
        p("Both apps in one JVM, loaded at the same time by one wrk each (`BENCH_E2E_CONCURRENT=1`). Their throughputs "
          "share one CPU, so the comparison is the CPU time of each app's own Tomcat threads per request it served; "
          "\"shared\" is the CPU time of the threads both apps share per request of either app: the VM thread "
          "(safepoints and, with one CPU, the serial collector's collections), the JIT compilers, and the rest.\n")
        p("| Round | with: req/s | with: p99 ms | with: thread CPU µs/req | without: req/s | without: p99 ms | without: thread CPU µs/req | shared µs/req: VM thread / JIT / rest | CPU/req without / with |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    else:
        p("| Round | with: req/s | with: p99 ms | with: app CPU µs/req | with: JIT | without: req/s | without: p99 ms | without: app CPU µs/req | without: JIT | req/s with / without | p99 with / without | CPU/req without / with |")
        p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    thr, lat, cpu, with_us, without_us = [], [], [], [], []
    notes = []
    for path in wrk_files:
        rnd = re.search(r"wrk-(\d+)-with", path).group(1)
        w = wrk(path)
        wo = wrk(path.replace("-with.txt", "-without.txt"))
        for name, r in (("with", w), ("without", wo)):
            if r[2] or r[3]:
                notes.append(f"round {rnd} {name}: non-2xx {r[2]}, socket errors {r[3] or 'none'}")
        cpu.append(wo[4] / w[4])
        if concurrent:
            shared = " / ".join(f"{ms * 1000 / (w[6] + wo[6]):.1f}" for ms in w[7]) if w[7] else "n/a"
            with_us.append(w[4])
            without_us.append(wo[4])
            p(f"| {rnd} | {fmt(w[0])} | {w[1]:.2f} | {w[4]:.1f} | {fmt(wo[0])} | {wo[1]:.2f} | {wo[4]:.1f} | {shared} | {cpu[-1]:.3f} |")
            continue
        thr.append(w[0] / wo[0])
        lat.append(w[1] / wo[1])
        p(f"| {rnd} | {fmt(w[0])} | {w[1]:.2f} | {w[4]:.1f} | {w[5]:.1f} | {fmt(wo[0])} | {wo[1]:.2f} | {wo[4]:.1f} | {wo[5]:.1f} | {thr[-1]:.3f} | {lat[-1]:.2f} | {cpu[-1]:.3f} |")
    if concurrent:
        p(f"| median | | | {median(with_us):.1f} | | | {median(without_us):.1f} | | **{median(cpu):.3f}** ({verdict(median(cpu) >= 0.97)}, target ≥ 0.97) |")
        p("\nThe last column is the throughput each app's own CPU time allows, with / without: the CPU time per "
          "request of the app without the starter divided by the same with it.")
    else:
        p(f"| median | | | | | | | | | **{median(thr):.3f}** ({verdict(median(thr) >= 0.97)}, target ≥ 0.97) | {median(lat):.2f} | **{median(cpu):.3f}** ({verdict(median(cpu) >= 0.97)}) |")
        p("\nThe last column is the throughput the app's own CPU time allows, with / without: the app JVM's CPU time "
          "(user + sys, from /proc) per request without the starter divided by the same with it. \"JIT\" is the part of "
          "the app's CPU per request used by its JIT compiler threads: while that is more than a few µs, the app is not "
          "warm yet, and a longer BENCH_WRK_WARMUP is needed.")
    if notes:
        p("\n" + "; ".join(notes))
    p("")

# --- end to end, WebFlux -------------------------------------------------------------------------------------
webflux_files = sorted(glob.glob(os.path.join(out, "webflux-wrk-*-with.txt")),
                       key=lambda path: int(re.search(r"webflux-wrk-(\d+)-with", path).group(1)))
if webflux_files:
    p("## End to end, WebFlux (wrk, sample-webflux over HTTPS on loopback, `GET /v1/health`, `Host: api.example.test`)\n")
    p("One JVM per app (Reactor Netty serves all apps of a JVM from the same event loops), both loaded at the same "
      "time by one wrk each. The comparison is the CPU time of each app's reactor-http-* threads per request it "
      "served; \"JVM\" is the whole JVM's CPU time (/proc) per request; \"shared\" is each JVM's VM thread / JIT / "
      "other threads per request.\n")
    p("| Round | with: req/s | with: p99 ms | with: reactor-http µs/req | with: JVM µs/req | with: shared | without: req/s | without: p99 ms | without: reactor-http µs/req | without: JVM µs/req | without: shared | reactor-http CPU/req without / with | JVM CPU/req without / with |")
    p("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|")
    threads_ratio, jvm_ratio, w_us, wo_us, notes = [], [], [], [], []

    def jvm_us(path, requests):
        m = re.search(r"jvm-cpu-ms: ([\d.]+)", open(path).read())
        return float(m.group(1)) * 1000 / requests if m else float("nan")

    def shared(r):
        return " / ".join(f"{ms * 1000 / r[6]:.1f}" for ms in r[7]) if r[7] else "n/a"

    for path in webflux_files:
        rnd = re.search(r"webflux-wrk-(\d+)-with", path).group(1)
        other = path.replace("-with.txt", "-without.txt")
        w, wo = wrk(path), wrk(other)
        wj, woj = jvm_us(path, w[6]), jvm_us(other, wo[6])
        for name, r in (("with", w), ("without", wo)):
            if r[2] or r[3]:
                notes.append(f"round {rnd} {name}: non-2xx {r[2]}, socket errors {r[3] or 'none'}")
        threads_ratio.append(wo[4] / w[4])
        jvm_ratio.append(woj / wj)
        w_us.append(w[4])
        wo_us.append(wo[4])
        p(f"| {rnd} | {fmt(w[0])} | {w[1]:.2f} | {w[4]:.1f} | {wj:.1f} | {shared(w)} | {fmt(wo[0])} | {wo[1]:.2f} | "
          f"{wo[4]:.1f} | {woj:.1f} | {shared(wo)} | {threads_ratio[-1]:.3f} | {jvm_ratio[-1]:.3f} |")
    p(f"| median | | | {median(w_us):.1f} | | | | | {median(wo_us):.1f} | | | **{median(threads_ratio):.3f}** | "
      f"{median(jvm_ratio):.3f} |")
    p("\nThe ratio columns are the throughput each app's CPU time allows, with / without the starter (1.000: the "
      "starter costs nothing).")
    if notes:
        p("\n" + "; ".join(notes))
    p("")

# --- in process -----------------------------------------------------------------------------------------------
def round_lines(path, figures):
    """The 'round <n> <figure>...' lines of an InProcessAppRunner output with that many figures, by round."""
    rounds = {}
    pattern = re.compile(r"round (\d+)" + r" ([\d.]+)" * figures + "$")
    for line in open(path):
        m = pattern.match(line.strip())
        if m:
            rounds[int(m.group(1))] = tuple(float(m.group(i)) for i in range(2, figures + 2))
    return rounds


def inprocess(path):
    return round_lines(path, 2)

inprocess_files = sorted(glob.glob(os.path.join(out, "inprocess-*-with.txt")),
                         key=lambda path: int(re.search(r"inprocess-(\d+)-with", path).group(1)))
if inprocess_files:
    p("## In process (the sample app's whole request path without socket, TLS and HTTP parser, `InProcessAppRunner`)\n")
    p("Both apps at once, one per CPU (swapped every pass), CPU time of the thread that runs the requests; a ratio "
      "compares the two apps' rounds measured in the same second.\n")
    p("| Pass | with: CPU ns/req (median) | with: B/req | without: CPU ns/req (median) | without: B/req | with − without, ns | throughput with / without (CPU), median of the rounds |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    all_ratios, with_jvms, without_jvms = [], [], []
    for path in inprocess_files:
        rnd = re.search(r"inprocess-(\d+)-with", path).group(1)
        w, wo = inprocess(path), inprocess(path.replace("-with.txt", "-without.txt"))
        with_jvms.append(median([v[0] for v in w.values()]))
        without_jvms.append(median([v[0] for v in wo.values()]))
        both = sorted(set(w) & set(wo))
        ratios = [wo[r][0] / w[r][0] for r in both]
        all_ratios += ratios
        wn, wb = median([w[r][0] for r in both]), median([w[r][1] for r in both])
        on, ob = median([wo[r][0] for r in both]), median([wo[r][1] for r in both])
        p(f"| {rnd} | {fmt(wn)} | {fmt(wb)} | {fmt(on)} | {fmt(ob)} | {fmt(wn - on)} | {median(ratios):.3f} |")
    p(f"| all rounds | | | | | | {median(all_ratios):.3f} |")
    ratio = median(without_jvms) / median(with_jvms)
    p(f"| median of the JVMs | {fmt(median(with_jvms))} (JVMs {fmt(min(with_jvms))} to {fmt(max(with_jvms))}) | "
      f"| {fmt(median(without_jvms))} (JVMs {fmt(min(without_jvms))} to {fmt(max(without_jvms))}) | | "
      f"{fmt(median(with_jvms) - median(without_jvms))} | **{ratio:.3f}** ({verdict(ratio >= 0.97)}, target ≥ 0.97) |")
    fastest = min(with_jvms + without_jvms)
    fast_with = [v for v in with_jvms if v <= 1.25 * fastest]
    fast_without = [v for v in without_jvms if v <= 1.25 * fastest]
    if fast_with and fast_without:
        ratio = median(fast_without) / median(fast_with)
        p(f"| median of the JVMs not in the slow state ({len(fast_with)} with, {len(fast_without)} without) | "
          f"{fmt(median(fast_with))} | | {fmt(median(fast_without))} | | {fmt(median(fast_with) - median(fast_without))} "
          f"| **{ratio:.3f}** ({verdict(ratio >= 0.97)}, target ≥ 0.97) |")
    p("\nWithin one JVM the rounds agree to about 1 %, but the same code differs by several per cent from one JVM "
      "to the next (what the JIT made of it), so compare the medians over all JVMs of each app; that needs several "
      "passes. Some JVMs run the whole time about 1.5 times slower than the others (this machine, not the code: it "
      "happens to both apps, also with the same build on both sides); the last line leaves out every JVM slower than "
      "1.25 times the fastest of the run.")
    p("")

# --- one JVM, both apps ---------------------------------------------------------------------------------------
onejvm_files = sorted(glob.glob(os.path.join(out, "onejvm-*.txt")),
                      key=lambda path: int(re.search(r"onejvm-(\d+)\.txt", path).group(1)))
if onejvm_files:
    p("## One JVM, both apps in process (`InProcessAppRunner` with `-Dinprocess.other-app`)\n")
    p("Each JVM runs the app with the starter and the app without it side by side, on the same JIT-compiled "
      "Tomcat, Spring and JDK code, and measures both in every round, one after the other (order alternating); "
      "CPU time of the thread that runs the requests. The ratio is the other app's CPU time per request over the "
      "first app's, i.e. the first app's throughput relative to the other's.\n")
    p("| JVM | with: CPU ns/req (median) | with: B/req | without: CPU ns/req (median) | without: B/req | with − without, ns | throughput with / without (CPU), median of the rounds |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    jvm_ratios, gaps = [], []
    for path in onejvm_files:
        jvm = re.search(r"onejvm-(\d+)\.txt", path).group(1)
        r = round_lines(path, 5)
        if not r:
            continue
        wn, wb = median([v[0] for v in r.values()]), median([v[1] for v in r.values()])
        on, ob = median([v[2] for v in r.values()]), median([v[3] for v in r.values()])
        ratio = median([v[4] for v in r.values()])
        jvm_ratios.append(ratio)
        gaps.append(median([v[0] - v[2] for v in r.values()]))
        p(f"| {jvm} | {fmt(wn)} | {fmt(wb)} | {fmt(on)} | {fmt(ob)} | {fmt(gaps[-1])} | {ratio:.3f} |")
    if jvm_ratios:
        ratio = median(jvm_ratios)
        p(f"| median of the JVMs | | | | | {fmt(median(gaps))} | **{ratio:.3f}** ({verdict(ratio >= 0.97)}, target ≥ 0.97; "
          f"JVMs {min(jvm_ratios):.3f} to {max(jvm_ratios):.3f}) |")
    p("")

# --- startup --------------------------------------------------------------------------------------------------
startup = os.path.join(out, "startup.txt")
if os.path.exists(startup) and os.path.getsize(startup) > 0:
    runs = {}
    for line in open(startup):
        parts = line.split()
        if len(parts) >= 5:
            real, user, sys_ = float(parts[2]), float(parts[3]), float(parts[4])
            runs.setdefault(int(parts[0]), {})[parts[1]] = (real, user + sys_)
    p("## Startup (JVM start to the end of the context refresh, `-Dspring.context.exit=onRefresh`)\n")
    p("| Run | with: wall s | without: wall s | wall with / without | with: CPU s | without: CPU s | CPU with / without |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    wall, cpu = [], []
    for run in sorted(runs):
        r = runs[run]
        if "with" in r and "without" in r:
            wall.append(r["with"][0] / r["without"][0])
            cpu.append(r["with"][1] / r["without"][1])
            p(f"| {run} | {r['with'][0]:.3f} | {r['without'][0]:.3f} | {wall[-1]:.3f} | {r['with'][1]:.3f} | {r['without'][1]:.3f} | {cpu[-1]:.3f} |")
    med = lambda key, i: median([r[key][i] for r in runs.values() if key in r])
    p(f"| median | {med('with', 0):.3f} | {med('without', 0):.3f} | **{median(wall):.3f}** ({verdict(median(wall) <= 1.05)}) "
      f"| {med('with', 1):.3f} | {med('without', 1):.3f} | **{median(cpu):.3f}** ({verdict(median(cpu) <= 1.05)}) |")
    p("\nRatios: median of the per-run ratios (each run starts both variants back to back, order alternating). Target ≤ 1.05.")
    p("")

print("\n".join(lines))
