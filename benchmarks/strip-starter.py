#!/usr/bin/env python3
"""Writes a copy of a Spring Boot fat jar without the starter: the "without" app of the end-to-end and startup
benchmarks (issue 21: the same app without the starter jar on the classpath).

    benchmarks/strip-starter.py IN.jar OUT.jar

Leaves out BOOT-INF/lib/hsts-spring-boot-*.jar and their lines in BOOT-INF/classpath.idx and BOOT-INF/layers.idx;
copies every other entry as it is (nested jars stay STORED, uncompressed, as Spring Boot's loader requires). Then
checks the copy: it fails (exit 1) if any entry, or any class in a nested jar, is still under dev/hsts/ outside the
application's own classes (BOOT-INF/classes/dev/hsts/sample/), or if nothing was removed. The sample apps' own code
imports no class of the starter, so the copy starts as the same app without it."""
import io
import re
import sys
import zipfile

STARTER = re.compile(r"^BOOT-INF/lib/hsts-spring-boot-[^/]*\.jar$")
OWN = "BOOT-INF/classes/dev/hsts/sample/"


def fail(message):
    print(f"strip-starter: {message}", file=sys.stderr)
    sys.exit(1)


def strip(src, dst):
    removed = []
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            name = info.filename
            if STARTER.match(name):
                removed.append(name)
                continue
            data = zin.read(info)
            if name in ("BOOT-INF/classpath.idx", "BOOT-INF/layers.idx"):
                text = data.decode("utf-8")
                kept = [line for line in text.splitlines(keepends=True)
                        if not re.search(r"BOOT-INF/lib/hsts-spring-boot-[^\"/]*\.jar", line)]
                data = "".join(kept).encode("utf-8")
            # Same name, date, attributes and compression as in the original (STORED for the nested jars).
            zout.writestr(info, data, compress_type=info.compress_type)
    if not removed:
        fail(f"{src} holds no BOOT-INF/lib/hsts-spring-boot-*.jar: nothing to strip")
    return removed


def check(path):
    """Every dev/hsts class in the jar or its nested jars, other than the application's own."""
    left = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            name = info.filename
            if STARTER.match(name):
                left.append(name)
            if name.startswith("BOOT-INF/classes/dev/hsts/") and name.endswith(".class") and not name.startswith(OWN):
                left.append(name)
            if name.startswith("BOOT-INF/lib/") and name.endswith(".jar"):
                if info.compress_type != zipfile.ZIP_STORED:
                    fail(f"{path}: nested jar {name} is compressed; Spring Boot needs it STORED")
                with zipfile.ZipFile(io.BytesIO(z.read(info))) as nested:
                    left += [f"{name}!/{n}" for n in nested.namelist() if n.startswith("dev/hsts/")]
            if name in ("BOOT-INF/classpath.idx", "BOOT-INF/layers.idx") and b"hsts-spring-boot" in z.read(info):
                left.append(f"{name} (still lists the starter)")
    return left


if __name__ == "__main__":
    if len(sys.argv) != 3:
        fail("usage: strip-starter.py IN.jar OUT.jar")
    removed = strip(sys.argv[1], sys.argv[2])
    left = check(sys.argv[2])
    if left:
        fail(f"{sys.argv[2]} still contains starter classes: {', '.join(left[:5])}"
             + (f" and {len(left) - 5} more" if len(left) > 5 else ""))
    print(f"{sys.argv[2]}: {sys.argv[1]} without {', '.join(n.rsplit('/', 1)[1] for n in removed)}")
