#!/usr/bin/env python3
"""Compares the two apps of a concurrent one-JVM end-to-end run frame by frame (benchmarks/run, BENCH_E2E_PROFILE=1).

Usage: profile-diff.py PROFILE.collapsed PORT_WITH PORT_WITHOUT REQUESTS_WITH REQUESTS_WITHOUT INTERVAL_US [TOP]

PROFILE.collapsed is async-profiler's collapsed output recorded with "threads": each line is one stack, its first frame
the thread ("[https-jsse-nio-127.0.0.1-18443-exec-3 tid=123]"), then a sample count. A thread belongs to the app whose
port its name contains; the other threads (VM thread, compilers, ...) are listed apart. Each sample stands for
INTERVAL_US of CPU time, so samples x INTERVAL_US / requests is CPU time per request, comparable with the thread CPU
per request that the run reports. For each frame: CPU per request with the starter, without it, and the difference,
inclusive (the frame anywhere on the stack) and self (the frame on top), largest differences first.
"""
import collections
import re
import sys

COMPONENTS = [  # (name, prefix of the frame on top of the stack), first match wins
    ("dev.hsts (the starter)", "dev/hsts/"),
    ("Spring Security", "org/springframework/security/"),
    ("Spring (other)", "org/springframework/"),
    ("Micrometer", "io/micrometer/"),
    ("Tomcat", "org/apache/"),
    ("Jackson", "com/fasterxml/"),
    ("Jackson 3", "tools/jackson/"),
    ("JDK TLS and crypto", "sun/security/"),
    ("JDK crypto", "com/sun/crypto/"),
    ("JDK (other Java)", "java/"),
    ("JDK (internal)", "jdk/"),
    ("JDK (sun)", "sun/"),
]


def component(frame):
    for name, prefix in COMPONENTS:
        if frame.startswith(prefix):
            return name
    if "/" in frame:
        return "other Java"
    return "native (JVM, libc, kernel)"


def main(argv):
    if len(argv) < 7:
        sys.exit(__doc__)
    path, port_with, port_without = argv[1], argv[2], argv[3]
    requests = {"with": float(argv[4]), "without": float(argv[5])}
    interval = float(argv[6])
    top = int(argv[7]) if len(argv) > 7 else 40
    if min(requests.values()) <= 0:
        sys.exit("no requests were counted for one of the apps")
    total = collections.Counter()
    inclusive = {v: collections.Counter() for v in requests}
    self_time = {v: collections.Counter() for v in requests}
    components = {v: collections.Counter() for v in requests}
    others = collections.Counter()
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if not stack:
            continue
        count = int(count)
        frames = stack.split(";")
        thread = frames[0]
        variant = "with" if f"-{port_with}-" in thread else "without" if f"-{port_without}-" in thread else None
        if variant is None:
            others[re.sub(r"\d+", "#", thread)] += count
            continue
        total[variant] += count
        for frame in set(frames[1:]):
            inclusive[variant][frame] += count
        self_time[variant][frames[-1]] += count
        components[variant][component(frames[-1])] += count

    def per_request(counter, variant, key):
        return counter[variant][key] * interval / requests[variant]

    print(f"requests profiled: with {requests['with']:.0f}, without {requests['without']:.0f}; "
          f"sample interval {interval:g} us")
    if not total["with"] or not total["without"]:
        sys.exit(f"no samples of one app's request threads (ports {port_with} and {port_without}) in {path}")
    with_us = total["with"] * interval / requests["with"]
    without_us = total["without"] * interval / requests["without"]
    print(f"request threads' CPU per request: with {with_us:.1f} us, without {without_us:.1f} us, "
          f"difference {with_us - without_us:.1f} us, ratio without/with {without_us / with_us:.3f}")
    print("samples of the other threads: " + ", ".join(f"{t} {n}" for t, n in others.most_common(6)))

    def table(title, counters, limit):
        print(f"\n== {title} (us of CPU per request: with, without, difference)")
        keys = set(counters["with"]) | set(counters["without"])
        rows = sorted(((per_request(counters, "with", k) - per_request(counters, "without", k),
                        per_request(counters, "with", k), per_request(counters, "without", k), k) for k in keys),
                      key=lambda r: -abs(r[0]))
        for diff, w, wo, key in rows[:limit]:
            print(f"{diff:8.2f} {w:8.2f} {wo:8.2f}  {key[:160]}")

    table("by component of the frame on top", components, len(COMPONENTS) + 2)
    table("inclusive, by frame", inclusive, top)
    table("self, by frame", self_time, top)


if __name__ == "__main__":
    main(sys.argv)
