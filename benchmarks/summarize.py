#!/usr/bin/env python3
"""Turns the raw output of benchmarks/run (one results directory) into summary.md: on top a table
"target | measured | met?" for the targets of issue 21, then every figure behind it. Every comparison is a ratio
between variants measured in the same run (per round, then the median of the rounds).

    benchmarks/summarize.py benchmarks/results/<run> > benchmarks/results/<run>/summary.md"""
import glob
import json
import os
import re
import statistics
import sys

out = sys.argv[1]
targets = []  # (target, measured, verdict)
body = []
p = body.append


def median(values):
    values = [v for v in values if v == v]
    return statistics.median(values) if values else float("nan")


def fmt(x, digits=0):
    try:
        x = float(x)  # JMH writes "NaN" for the error of a single iteration
    except (TypeError, ValueError):
        return "n/a"
    return f"{x:,.{digits}f}" if x == x else "n/a"


def target(label, measured, ok):
    targets.append((label, measured, "n/a" if ok is None else ("yes" if ok else "**NO**")))


def rounds_of(pattern):
    """The files matching the pattern, by the first number in their names (the round)."""
    number = lambda path: int(re.findall(r"-(\d+)", os.path.basename(path))[0])
    return sorted(glob.glob(os.path.join(out, pattern)), key=number)


machine = open(os.path.join(out, "machine.txt")).read().strip()
aa = "A/A or custom comparison" in machine
# BENCH_WITH_ARGS: the "with" variant started with arguments of its own (e.g. the starter switched off).
with_args = (re.findall(r"^variants: with = the jar as built ?(.*?); without", machine, re.M) or [""])[0].strip()
# BENCH_STARTUP_CDS=1: both start-up variants with class data sharing archives of their own.
cds = "BENCH_STARTUP_CDS=1" in machine

# --- per request ------------------------------------------------------------------------------------------------
STACKS = {
    "tomcat": dict(title="Tomcat's request and response", mode="per-request-tomcat",
                   file="interleaved-tomcat-per-request.txt", jmh="tomcat-per-request", bench="TomcatPerRequestBenchmark",
                   spring="springSecurityHeaderWriterFilter", naive="naiveFilterSetIfAbsent",
                   spring_name="Spring Security's HeaderWriterFilter", label="Tomcat"),
    "reactive": dict(title="WebFlux: an exchange through a WebFilter chain", mode="per-request-reactive",
                     file="interleaved-reactive-per-request.txt", jmh="reactive-per-request",
                     bench="ReactivePerRequestBenchmark", spring="springSecurityHeaderWriterWebFilter",
                     naive="naiveWebFilterSetIfAbsent", spring_name="Spring Security's HttpHeaderWriterWebFilter",
                     label="WebFlux"),
}


def interleaved(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return None
    text = open(path).read().strip()
    rows = {}
    for line in text.splitlines():
        parts = line.split()
        if parts and not line.startswith("#") and parts[0] != "variant":
            try:
                rows[parts[0]] = [float(x) for x in parts[1:]]
            except ValueError:
                pass
    return text, rows


def jmh_rounds(prefix):
    per_round = []
    for path in rounds_of(prefix + "-[0-9]*.json"):
        data = {}
        for entry in json.load(open(path)):
            name = entry["benchmark"].rsplit(".", 1)[1]
            raw = [x for fork in entry["primaryMetric"]["rawData"] for x in fork]
            data[name] = (statistics.median(raw), entry["primaryMetric"]["scoreError"],
                          entry["secondaryMetrics"]["gc.alloc.rate.norm"]["score"])
        per_round.append(data)
    return per_round


def ratio_text(values):
    return ", ".join(f"{v:.3f}" for v in values)


def per_request(key):
    s = STACKS[key]
    spring, naive = s["spring"], s["naive"]
    il = interleaved(s["file"])
    jmh = jmh_rounds(s["jmh"])
    if not il and not jmh:
        return
    p(f"## Per request, {s['title']}\n")
    jmh_note = lambda f: ""
    if jmh:
        def jmh_note(f):
            values = []
            for d in jmh:
                try:
                    values.append(f(d))
                except KeyError:  # a variant this build's benchmark does not have
                    pass
            return f"; JMH {median(values):.3f} (rounds {ratio_text(values)})" if values else ""
    if il:
        text, rows = il
        p(f"Judged on `InterleavedRunner {s['mode']}`: all variants in one JVM, in 100 ms blocks whose order rotates "
          "every round; CPU time of the thread. Columns: median CPU ns/op and B/op over the rounds, the same over the "
          "floor, the median of each round's ratio to Spring Security's filter and to the naive filter (total, over "
          "the floor) and to the naive set-if-absent filter (total).\n")
        p("```\n" + text + "\n```\n")
        st = rows.get("starter")
        if st and spring in rows:
            ratio = st[4]
            target(f"{s['label']} per request, total: starter ≤ 1.0 × {s['spring_name']}",
                   f"{ratio:.3f} ({st[0]:.0f} vs {rows[spring][0]:.0f} ns" + jmh_note(
                       lambda d: d["starter"][0] / d[spring][0]) + ")", ratio <= 1.0)
        ho = rows.get("starterHeadersOnly")
        if ho and naive in rows:
            # The runner's "/ setIfAbsent" column (median of the rounds' ratios) when it has one, else the medians' ratio.
            ratio, how = (ho[8], "") if len(ho) > 8 else (ho[0] / rows[naive][0], ", ratio of the medians")
            target(f"{s['label']} per request, total: starter headers only ≤ 1.1 × naive set-if-absent (`{naive}`)",
                   f"{ratio:.3f} ({ho[0]:.0f} vs {rows[naive][0]:.0f} ns{how}" + jmh_note(
                       lambda d: d["starterHeadersOnly"][0] / d[naive][0]) + ")", ratio <= 1.1)
        else:
            target(f"{s['label']} per request: starter headers only ≤ 1.1 × naive set-if-absent (`{naive}`)",
                   f"variant {naive} not in this build's output", None)
        if st and spring in rows:
            target(f"{s['label']} per request: B/op starter ≤ {s['spring_name']}",
                   f"{st[1]:.0f} vs {rows[spring][1]:.0f} B/op" + jmh_note(
                       lambda d: d["starter"][2] / d[spring][2]).replace("; JMH", "; JMH ratio"), st[1] <= rows[spring][1])
    if jmh:
        jmh_table(f"JMH (`{s['bench']}`, `-prof gc`, wall-clock time), {len(jmh)} round(s):", jmh)
    # The same on Spring's mock request and response (servlet), JMH only (--full).
    if key == "tomcat":
        mock = jmh_rounds("per-request")
        if mock:
            jmh_table("JMH on Spring's mock request and response (`PerRequestBenchmark`), for continuity:", mock)


def jmh_table(heading, rounds):
    p(heading + "\n")
    p("| Round | Variant | ns/op (median of iterations) | error (99.9 %) | B/op |")
    p("|---|---|---:|---:|---:|")
    for i, data in enumerate(rounds, 1):
        for v, (ns, err, b) in data.items():
            p(f"| {i} | {v} | {fmt(ns)} | {fmt(err)} | {fmt(b)} |")
    p("")


per_request("tomcat")
per_request("reactive")

# --- host check -------------------------------------------------------------------------------------------------
il = interleaved("interleaved-hosts.txt")
if il:
    text, rows = il
    p("## Trusted-host check, 10 to 10 000 allowed entries (`InterleavedRunner hosts`, CPU time)\n")
    p("```\n" + text + "\n```\n")
    sizes = {}
    for name in rows:
        if "/" in name:
            kind, size = name.rsplit("/", 1)
            sizes.setdefault(kind, []).append(int(size))
    for kind, ns in sizes.items():
        if kind.endswith("Again"):  # the remembered Host (one-entry memo): shown above, not the scaling target
            continue
        big, small = max(ns), min(ns)
        r = rows[f"{kind}/{big}"]
        target(f"Host check, {kind}: {big:,} / {small:,} entries ≤ 1.2",
               f"{r[2]:.3f} ({r[0]:.1f} vs {rows[f'{kind}/{small}'][0]:.1f} ns)", r[2] <= 1.2)
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
    for method, table in tables.items():
        p(f"JMH `HostCheckBenchmark.{method}`, ns/op ± error (B/op):\n")
        sizes = sorted({k[1] for k in table})
        kinds = list(dict.fromkeys(k[0] for k in table))
        p("| Host | " + " | ".join(f"{s:,} entries" for s in sizes) + f" | {sizes[-1]:,} / {sizes[0]:,} |")
        p("|---|" + "---:|" * (len(sizes) + 1))
        for kind in kinds:
            cells = [f"{fmt(table[(kind, s)][0], 1)} ± {fmt(table[(kind, s)][1], 1)} ({fmt(table[(kind, s)][2])})"
                     if (kind, s) in table else "" for s in sizes]
            ratio = table[(kind, sizes[-1])][0] / table[(kind, sizes[0])][0]
            p(f"| {kind} | " + " | ".join(cells) + f" | {ratio:.2f} |")
        p("")

# --- end to end ---------------------------------------------------------------------------------------------------
def wrk(path):
    text = open(path).read()
    ticks = re.search(r"jvm-cpu-ticks: (\d+) hz: (\d+)", text)
    threads = re.search(r"request-thread-cpu-ms: ([\d.]+)", text)
    groups = re.search(r"jit-cpu-ticks: (\d+) gc-cpu-ticks: (\d+) pair: (\d+)", text)
    requests = int(re.search(r"(\d+) requests in", text).group(1))
    hz = int(ticks.group(2)) if ticks else 100
    per_req = lambda t: t / hz * 1e6 / requests if requests else float("nan")
    return dict(
        jit_us=per_req(int(groups.group(1))) if groups else float("nan"),
        gc_us=per_req(int(groups.group(2))) if groups else float("nan"),
        pair=int(groups.group(3)) if groups else 1,
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)), requests=requests,
        jvm_us=int(ticks.group(1)) / int(ticks.group(2)) * 1e6 / requests if ticks and requests else float("nan"),
        thread_us=float(threads.group(1)) * 1000 / requests if threads and requests else float("nan"))


HOST_MODES = {"one": "one Host (api.example.test)", "many": "64 Hosts round-robin (benchmarks/load.lua)"}
for stack, app in (("servlet", "sample-app (Tomcat)"), ("webflux", "sample-webflux (Reactor Netty)")):
    if not glob.glob(os.path.join(out, f"e2e-{stack}-*-with*.txt")):
        continue
    p(f"## End to end, {app}: `GET /v1/health` over HTTPS on loopback\n")
    p("Each app in its own JVM, both on CPU 1, wrk (one thread, 32 connections) on CPU 0. One wrk per app runs "
      "through each Host mode's whole measurement and counts its responses (benchmarks/load.lua); each figure is a "
      "window read from those counts and from /proc, so that no window starts with new connections (a finished "
      "wrk's closed connections make the JVMs recompile their event loop and request path for 10 to 25 s). "
      "**CPU per request**: both apps loaded at the same time; CPU time of the whole JVM (user + sys of all threads "
      "from /proc/<pid>/stat: request threads, GC, JIT, the rest) per request served; ratio = (CPU/req without) / "
      "(CPU/req with) per round, the median over rounds. The request threads alone (from /proc too) are shown "
      "for continuity with the earlier runs. **Wall clock**: one app at a time (the other's wrk stopped, its "
      "connections kept), order with, without, without, with in every round; ratio = mean req/s with / mean req/s "
      "without per round, the median over rounds. "
      "Each **pair** is a fresh JVM of each app (`BENCH_E2E_PAIRS`), warmed up until the JIT compiler threads use "
      "at most a set share of each JVM's CPU (the run's log says when); the medians are over all pairs' rounds. "
      "The JIT and GC+VM columns are the CPU per request, part of the JVM's, of the JIT compiler threads and of the "
      "GC and VM threads (pinned to one CPU the JVM picks the serial collector, which collects in the VM thread).\n")
    notes = []
    for hosts, hosts_title in HOST_MODES.items():
        cpu_files = rounds_of(f"e2e-{stack}-cpu-{hosts}-[0-9]*-with.txt")
        if cpu_files:
            p(f"### CPU per request, {hosts_title}\n")
            p("| Pair | Round | with: req/s | with: JVM µs/req | with: request threads µs/req | with: JIT / GC+VM µs/req | without: req/s | without: JVM µs/req | without: request threads µs/req | without: JIT / GC+VM µs/req | JVM CPU/req without / with | request threads without / with |")
            p("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            jvm_r, thr_r = [], []
            for path in cpu_files:
                rnd = re.search(r"-(\d+)-with\.txt$", path).group(1)
                w, wo = wrk(path), wrk(path.replace("-with.txt", "-without.txt"))
                jvm_r.append(wo["jvm_us"] / w["jvm_us"])
                thr_r.append(wo["thread_us"] / w["thread_us"])
                p(f"| {w['pair']} | {rnd} | {fmt(w['rps'])} | {w['jvm_us']:.1f} | {w['thread_us']:.1f} | "
                  f"{w['jit_us']:.1f} / {w['gc_us']:.1f} | {fmt(wo['rps'])} | {wo['jvm_us']:.1f} | {wo['thread_us']:.1f} | "
                  f"{wo['jit_us']:.1f} / {wo['gc_us']:.1f} | {jvm_r[-1]:.3f} | {thr_r[-1]:.3f} |")
            p(f"| median | | | | | | | | | | **{median(jvm_r):.3f}** | {median(thr_r):.3f} |\n")
            target(f"End to end {stack}, CPU/req of all JVM threads, {hosts_title}: ≥ 0.99 without's",
                   f"{median(jvm_r):.3f} (rounds {min(jvm_r):.3f} to {max(jvm_r):.3f}; request threads only "
                   f"{median(thr_r):.3f})", median(jvm_r) >= 0.99)
        wall_files = glob.glob(os.path.join(out, f"e2e-{stack}-wall-{hosts}-*-*-*.txt"))
        if wall_files:
            by_round = {}
            for path in wall_files:
                m = re.search(r"-(\d+)-(\d)-(with|without)\.txt$", path)
                by_round.setdefault(int(m.group(1)), []).append((int(m.group(2)), m.group(3), wrk(path)))
            p(f"### Wall clock, {hosts_title}\n")
            p("| Pair | Round | req/s in order (with, without, without, with) | with: mean req/s | without: mean req/s | JVM µs/req with / without | req/s with / without |")
            p("|---|---|---|---:|---:|---|---:|")
            ratios = []
            for rnd in sorted(by_round):
                runs = sorted(by_round[rnd], key=lambda x: x[0])
                w = [r for _, v, r in runs if v == "with"]
                wo = [r for _, v, r in runs if v == "without"]
                mw, mwo = statistics.mean(r["rps"] for r in w), statistics.mean(r["rps"] for r in wo)
                ratios.append(mw / mwo)
                p(f"| {runs[0][2]['pair']} | {rnd} | {', '.join(fmt(r['rps']) for _, _, r in runs)} | {fmt(mw)} | {fmt(mwo)} | "
                  f"{median([r['jvm_us'] for r in w]):.1f} / {median([r['jvm_us'] for r in wo]):.1f} | {ratios[-1]:.3f} |")
            p(f"| median | | | | | | **{median(ratios):.3f}** |\n")
            target(f"End to end {stack}, wall-clock req/s, {hosts_title}: ≥ 0.99 without's",
                   f"{median(ratios):.3f} (rounds {min(ratios):.3f} to {max(ratios):.3f})", median(ratios) >= 0.99)
    for path in sorted(glob.glob(os.path.join(out, f"e2e-{stack}-wrk-*.txt"))):
        text = open(path).read()
        socket = re.search(r"Socket errors: (.*)", text)
        if socket:
            # A wrk stopped for the other app's wall-clock windows counts the requests it had in flight as timeouts.
            notes.append(f"{os.path.basename(path)}: {socket.group(1)}")
    if notes:
        p("Socket errors (counted by each app's wrk over its whole load; a wrk stopped while the other app's "
          "wall-clock windows ran counts its requests in flight then as timeouts; no load had a non-2xx response, "
          "or the run would have stopped): " + "; ".join(notes) + "\n")
    headers = os.path.join(out, f"e2e-{stack}-headers.txt")
    if os.path.exists(headers):
        text = open(headers).read()
        first = text.split("== h01.example.test")[0].strip()
        checked = ("the same header lines (Date aside) from the hand-written filter (BENCH_WITHOUT_SAME_HEADERS=1)"
                   if "BENCH_WITHOUT_SAME_HEADERS=1" in machine else "without the starter's headers")
        p("Response headers (Host api.example.test; the run checked 200 with the starter's HSTS, and 200 "
          f"{checked}, for 5 of the hosts; all in `e2e-{stack}-headers.txt`):\n")
        p("```\n" + first + "\n```\n")

# --- startup --------------------------------------------------------------------------------------------------
THREAD_KINDS = ("main thread (and the launcher's)", "JIT compilers", "garbage collector", "other threads alive at ready",
                "threads ended before ready", "the whole process")


def thread_kind(name):
    # The launcher's thread and the thread it starts for main() both take the command's name (java); the first
    # only waits.
    if name in ("java", "main"):
        return THREAD_KINDS[0]
    if name.startswith(("C1 CompilerThre", "C2 CompilerThre")):
        return "JIT compilers"
    if name.startswith(("GC Thread", "G1 ", "GC ")):
        return "garbage collector"
    return "other threads alive at ready"


def read_threads(path):
    """CPU ms by kind of thread from a StartAndExit -Dstart.threads file, or None."""
    if not os.path.exists(path):
        return None
    kinds = dict.fromkeys(THREAD_KINDS, 0.0)
    process = None
    for line in open(path):
        name, _, ns = line.rstrip("\n").rpartition("\t")
        if name == "(process)":
            process = int(ns) / 1e6
        elif name:
            kinds[thread_kind(name)] += int(ns) / 1e6
    if process is None:
        return None
    kinds["the whole process"] = process
    # The process's time comes in clock ticks of 10 ms, the threads' in ns.
    kinds["threads ended before ready"] = max(0.0, process - sum(v for k, v in kinds.items()
                                                               if k not in ("the whole process",
                                                                            "threads ended before ready")))
    return kinds


def startup_threads(stack, runs):
    pairs = []
    for run in sorted(runs):
        w = read_threads(os.path.join(out, f"startup-{stack}-{run}-with.threads"))
        wo = read_threads(os.path.join(out, f"startup-{stack}-{run}-without.threads"))
        if w and wo:
            pairs.append((w, wo))
    if not pairs:
        return
    p(f"CPU by kind of thread ({len(pairs)} pairs; `StartAndExit -Dstart.threads`: each thread alive at ready, "
      "its time on a CPU from `/proc/self/task/*/schedstat`; the whole process from `/proc/self/stat`, in 10 ms "
      "ticks, so the threads that ended before ready are the difference, to about 10 ms):\n")
    p("| Threads | with: median ms | without: median ms | with − without: median of the pairs' differences, ms "
      "| pairs with > without |")
    p("|---|---:|---:|---:|---:|")
    for kind in THREAD_KINDS:
        diffs = [w[kind] - wo[kind] for w, wo in pairs]
        more = sum(1 for d in diffs if d > 0)
        p(f"| {kind} | {median([w[kind] for w, _ in pairs]):.0f} | {median([wo[kind] for _, wo in pairs]):.0f} | "
          f"{median(diffs):+.0f} | {more} of {len(pairs)} |")
    p("")


for stack, app in (("servlet", "sample-app"), ("webflux", "sample-webflux")):
    path = os.path.join(out, f"startup-{stack}.txt")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        continue
    runs = {}
    for line in open(path):
        parts = line.split()
        if len(parts) >= 5:
            runs.setdefault(int(parts[0]), {})[parts[1]] = (float(parts[2]), float(parts[3]) + float(parts[4]))
    p(f"## Startup, {app} (JVM start until the application is ready: `SpringApplication.run` returned, "
      f"`StartAndExit`)\n")
    p("| Pair | with: wall s | without: wall s | wall with / without | with: CPU s | without: CPU s | CPU with / without |")
    p("|---|---:|---:|---:|---:|---:|---:|")
    wall, cpu = [], []
    for run in sorted(runs):
        r = runs[run]
        if "with" in r and "without" in r:
            wall.append(r["with"][0] / r["without"][0])
            cpu.append(r["with"][1] / r["without"][1])
            p(f"| {run} | {r['with'][0]:.3f} | {r['without'][0]:.3f} | {wall[-1]:.3f} | {r['with'][1]:.3f} | "
              f"{r['without'][1]:.3f} | {cpu[-1]:.3f} |")
    med = lambda key, i: median([r[key][i] for r in runs.values() if key in r])
    p(f"| median | {med('with', 0):.3f} | {med('without', 0):.3f} | **{median(wall):.3f}** | {med('with', 1):.3f} | "
      f"{med('without', 1):.3f} | **{median(cpu):.3f}** |")
    p("\nRatios: the median of the pairs' ratios (each pair starts both variants back to back, order alternating).\n")
    # The host's other load only ever lengthens a start, so the shortest starts of each variant are the ones least
    # disturbed: their ratio is shown beside the median (not a verdict of its own).
    for what, i in (("wall", 0), ("CPU", 1)):
        w = sorted(r["with"][i] for r in runs.values() if "with" in r)
        wo = sorted(r["without"][i] for r in runs.values() if "without" in r)
        if len(w) >= 4 and len(wo) >= 4:
            q = lambda v: statistics.median(v[:max(1, len(v) // 4)])
            p(f"- {what}, the least disturbed starts: shortest with / shortest without **{w[0] / wo[0]:.3f}** "
              f"({w[0]:.3f} / {wo[0]:.3f} s); the medians of the shortest quarter of each "
              f"**{q(w) / q(wo):.3f}**")
    p("")
    startup_threads(stack, runs)
    for what, values in (("wall", wall), ("CPU", cpu)):
        target(f"Startup {app}, {what} time: ≤ 1.02 × without the starter jar",
               f"{median(values):.3f} ({len(values)} pairs, {min(values):.3f} to {max(values):.3f})",
               median(values) <= 1.02)

# --- output: the targets first --------------------------------------------------------------------------------
print(f"# Benchmark summary ({os.path.basename(out)})\n")
if aa:
    print("**Not a with/without-the-starter run**: the \"without\" variant was set with BENCH_WITHOUT_ARGS or "
          "BENCH_WITHOUT_JAR (A/A or custom comparison, see machine.txt); the end-to-end and startup rows compare "
          "those two variants.\n")
if with_args:
    print(f"**The \"with\" variant started with `{with_args}`** (BENCH_WITH_ARGS, see machine.txt): its rows compare "
          "the app so configured with the app without the starter.\n")
if cds:
    print("**Start-up with class data sharing** (BENCH_STARTUP_CDS=1, see machine.txt): each variant started from its "
          "extracted jar with a CDS archive of its own, as Spring Boot documents for a faster start; the start-up rows "
          "compare the two so started.\n")
# A custom comparison measures something else than the targets: its rows say whether a figure is within the
# target's bound, and no count of targets met is given.
verdict = not (aa or with_args or cds)
if targets:
    print(f"| Target (issue 21) | Measured | {'Met?' if verdict else 'Within its bound? (not a verdict)'} |")
    print("|---|---|---|")
    for label, measured, ok in targets:
        print(f"| {label} | {measured} | {ok} |")
    missed = sum(1 for t in targets if t[2] == "**NO**")
    if verdict:
        print(f"\n{len(targets) - missed} of {len(targets)} met" + (f", {missed} missed" if missed else "") + ".\n")
    else:
        print("\nNot a verdict on issue 21's targets: this run does not compare the starter as built with its "
              "absence, started as the targets' method starts them (see above).\n")
print("```")
print(machine)
print("```\n")
print("\n".join(body))
