#!/usr/bin/env python3
"""Compares two apps under load frame by frame, from async-profiler's collapsed stacks.

Usage:
  profile-diff.py --jvms WITH.collapsed WITHOUT.collapsed REQUESTS_WITH REQUESTS_WITHOUT INTERVAL_US [TOP]
      one profile per JVM (benchmarks/run with BENCH_PROFILE_SECONDS): every thread of each JVM counts (request
      threads, GC, JIT, ...), as the end-to-end run's whole-JVM CPU per request does; threads are also summed by kind.
  profile-diff.py PROFILE.collapsed PORT_WITH PORT_WITHOUT REQUESTS_WITH REQUESTS_WITHOUT INTERVAL_US [TOP]
      both apps in one JVM (a manual run): a thread belongs to the app whose port its name contains
      ("[https-jsse-nio-127.0.0.1-18443-exec-3 tid=123]"); the other threads (VM thread, compilers, ...) are listed
      apart.

The profiles are async-profiler's collapsed output recorded with "threads": each line is one stack, its first frame
the thread, then a sample count. Each sample stands for INTERVAL_US of CPU time, so samples x INTERVAL_US / requests
is CPU time per request, comparable with the CPU per request that the run reports. For each frame: CPU per request
with the starter, without it, and the difference, inclusive (the frame anywhere on the stack) and self (the frame on
top), largest differences first. The headers' own work: stacks in the code that writes the headers (HEADER_CODE)
with nothing of the rest of the chain below it, by its outermost frame.
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


THREAD_KINDS = [  # (kind, regular expression on the thread's name), first match wins
    ("request threads", r"^\[(https-jsse-nio|http-nio-|reactor-http-)"),
    ("JIT compilers", r"^\[C[12] CompilerThre"),
    ("GC and VM thread", r"^\[(GC Thread|G1 |VM Thread)"),
]


def thread_kind(thread):
    for kind, pattern in THREAD_KINDS:
        if re.match(pattern, thread):
            return kind
    return "other threads"


# Frames that run what comes after a filter (the rest of the chain, the handler, the server's writing of the
# response): below them on a stack is not the filter's own work.
DOWNSTREAM = ("DefaultWebFilterChain", "FilteringWebHandler", "DispatcherHandler", "ExceptionHandlingWebHandler",
              "HttpWebHandlerAdapter", "AbstractServerHttpResponse.writeWith", "AbstractServerHttpResponse.setComplete",
              "ReactorServerHttpResponse", "ApplicationFilterChain.doFilter", "FilterChainProxy", "VirtualFilterChain",
              "DispatcherServlet", "OutputBuffer", "StandardHostValve.invoke")


# The code that writes the headers: the starter's, the benchmarks' hand-written filters (both under dev/hsts/), and
# Spring Security's header filter (sample-app has it on both sides; with the starter, its writers run in the
# starter's DeferringHeaderWriterFilter).
HEADER_CODE = ("dev/hsts/", "org/springframework/security/web/header/HeaderWriterFilter")


# The starter's servlet response wrappers: an application's call through them (its own setHeader, getOutputStream,
# ...) ends in the container's method of the same name, which the application calls without the starter too. That
# call is not the headers' own work; what the wrapper does around it (its checks, its own reads of the container) is.
PASS_THROUGH_WRAPPERS = ("dev/hsts/servlet/SecurityHeadersResponse.", "dev/hsts/servlet/CommitDetectingResponse.")
DELEGATES = ("jakarta/servlet/ServletResponseWrapper.", "jakarta/servlet/http/HttpServletResponseWrapper.",
             "org/apache/catalina/connector/ResponseFacade.")


def method_of(frame):
    return frame.rsplit(".", 1)[-1]


def own_frame(frames):
    """The outermost frame of HEADER_CODE whose callees on this stack include nothing of DOWNSTREAM: the stack is that
    frame's own work (its callees in Spring, Netty or Tomcat included). None when the stack is none of theirs, or is
    the application's own call passed through the starter's response wrapper to the container."""
    downstream_below = False
    own = None
    for index in range(len(frames) - 1, -1, -1):
        frame = frames[index]
        if frame.startswith(HEADER_CODE) and not downstream_below:
            own = index
        if any(d in frame for d in DOWNSTREAM):
            downstream_below = True
    if own is None:
        return None
    frame = frames[own]
    if frame.startswith(PASS_THROUGH_WRAPPERS) and (own == 0 or not frames[own - 1].startswith(HEADER_CODE)):
        last = max(i for i, f in enumerate(frames) if f.startswith("dev/hsts/"))
        method = method_of(frame)
        if any(f.startswith(DELEGATES) and method_of(f) == method for f in frames[last + 1:]):
            return None
    return frame


# Names that differ between two JVMs of the same code: a lambda's or hidden class's generated suffix
# (Foo$$Lambda$1331.0x00007f32515bd458.apply), and the file Netty unpacks its native transport to.
JVM_SPECIFIC = [(re.compile(r"\$\$Lambda(\$\d+)?([./]0x[0-9a-f]+)?"), "$$Lambda"),
                (re.compile(r"(libnetty_transport_native_epoll_\w+?)\d+\.so"), r"\1.so")]


def same_in_every_jvm(frame):
    for pattern, replacement in JVM_SPECIFIC:
        frame = pattern.sub(replacement, frame)
    return frame


def stacks(path):
    """(thread, frames, count) of each line of a collapsed profile, its frames named alike in every JVM."""
    for line in open(path, encoding="utf-8", errors="replace"):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        if stack:
            frames = stack.split(";")
            yield frames[0], [same_in_every_jvm(frame) for frame in frames[1:]], int(count)


def main(argv):
    jvms = len(argv) > 1 and argv[1] == "--jvms"
    # the arguments after the profile(s): REQUESTS_WITH REQUESTS_WITHOUT INTERVAL_US [TOP]
    args = argv[2:] if jvms else argv[1:]
    first = 2 if jvms else 3
    if len(args) < first + 3:
        sys.exit(__doc__)
    requests = {"with": float(args[first]), "without": float(args[first + 1])}
    interval = float(args[first + 2])
    top = int(args[first + 3]) if len(args) > first + 3 else 40
    if min(requests.values()) <= 0:
        sys.exit("no requests were counted for one of the apps")
    total = collections.Counter()
    inclusive = {v: collections.Counter() for v in requests}
    self_time = {v: collections.Counter() for v in requests}
    components = {v: collections.Counter() for v in requests}
    kinds = {v: collections.Counter() for v in requests}
    own = {v: collections.Counter() for v in requests}
    others = collections.Counter()
    if jvms:
        sources = [("with", args[0]), ("without", args[1])]
    else:
        sources = [(None, args[0])]
        port_with, port_without = args[1], args[2]
    for fixed, path in sources:
        for thread, frames, count in stacks(path):
            variant = fixed
            if variant is None:
                variant = ("with" if f"-{port_with}-" in thread
                           else "without" if f"-{port_without}-" in thread else None)
            if variant is None:
                others[re.sub(r"\d+", "#", thread)] += count
                continue
            total[variant] += count
            kinds[variant][thread_kind(thread)] += count
            for frame in set(frames):
                inclusive[variant][frame] += count
            frame = own_frame(frames)
            if frame is not None and not frame.startswith("dev/hsts/sample/"):
                own[variant][frame] += count
            if frames:
                self_time[variant][frames[-1]] += count
                components[variant][component(frames[-1])] += count

    def per_request(counter, variant, key):
        return counter[variant][key] * interval / requests[variant]

    print(f"requests profiled: with {requests['with']:.0f}, without {requests['without']:.0f}; "
          f"sample interval {interval:g} us")
    if not total["with"] or not total["without"]:
        sys.exit("no samples of one of the apps in " + " and ".join(path for _, path in sources))
    with_us = total["with"] * interval / requests["with"]
    without_us = total["without"] * interval / requests["without"]
    print(f"{'the whole JVM' if jvms else 'request threads'}: CPU per request: with {with_us:.1f} us, without "
          f"{without_us:.1f} us, difference {with_us - without_us:.1f} us, ratio without/with {without_us / with_us:.3f}")
    if others:
        print("samples of the other threads: " + ", ".join(f"{t} {n}" for t, n in others.most_common(6)))

    def table(title, counters, limit):
        print(f"\n== {title} (us of CPU per request: with, without, difference)")
        keys = set(counters["with"]) | set(counters["without"])
        rows = sorted(((per_request(counters, "with", k) - per_request(counters, "without", k),
                        per_request(counters, "with", k), per_request(counters, "without", k), k) for k in keys),
                      key=lambda r: -abs(r[0]))
        for diff, w, wo, key in rows[:limit]:
            print(f"{diff:8.2f} {w:8.2f} {wo:8.2f}  {key[:160]}")

    if jvms:
        table("by kind of thread", kinds, len(THREAD_KINDS) + 1)
    with_own = sum(own["with"].values()) * interval / requests["with"]
    without_own = sum(own["without"].values()) * interval / requests["without"]
    print(f"\nthe headers' own work (the starter's filters, the hand-written filter of BENCH_WITHOUT_SAME_HEADERS and "
          f"Spring Security's header filter, with what they call, without the rest of the chain): with {with_own:.2f} "
          f"us, without {without_own:.2f} us per request")
    # The profiler's own cost per sample lengthens every request, and not by the same factor in both JVMs (the whole
    # JVM's CPU per request under the profiler was 1.3 to 1.8 x the windows', and the two JVMs' ratio moved by 10 to
    # 30 points against the windows'); each JVM's share of its own samples does not depend on that factor.
    print(f"the same as a share of the CPU per request above: with {100 * with_own / with_us:.2f} %, without "
          f"{100 * without_own / without_us:.2f} %, difference {100 * (with_own / with_us - without_own / without_us):.2f}"
          f" points")
    table("the headers' own work, by its outermost frame", own, 12)
    table("by component of the frame on top", components, len(COMPONENTS) + 2)
    table("inclusive, by frame", inclusive, top)
    table("self, by frame", self_time, top)


if __name__ == "__main__":
    main(sys.argv)
