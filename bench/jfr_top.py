"""Summarises a JFR recording's CPU samples: the hottest methods by self and by total (inclusive) samples, and the
threads the samples came from.

Usage: jfr_top.py RECORDING.jfr [TOP]
Reads `jfr print --stack-depth 96 --events jdk.ExecutionSample`; a method counts once per sample for 'total'.
"""
import collections
import os
import re
import subprocess
import sys

recording = sys.argv[1]
top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
text = subprocess.run([os.environ.get("JFR_BIN", "jfr"), "print", "--stack-depth", "96", "--events", "jdk.ExecutionSample", recording],
                      check=True, capture_output=True, text=True).stdout

# Inclusive shares of some costs that cut across the call tree (a sample may fall in several).
CATEGORIES = {
    "request binding (DataBinder constructor binding of the shared parts)": r"DataBinder\.(construct|createObject)",
    "annotation parsing and reflection": r"AnnotationParser|AnnotationsScanner|reflect\.Proxy\.newProxyInstance",
    "bean validation (@Valid)": r"org\.hibernate\.validator",
    "multipart parsing (Tomcat)": r"fileupload|Request\.parseParts",
    "observation and tracing (Micrometer, OpenTelemetry)": r"io\.micrometer\.(observation|tracing)|opentelemetry",
    "metrics (Prometheus, meter registry)": r"io\.prometheus|micrometer\.core",
    "logging (Logback)": r"ch\.qos\.logback",
    "JSON (Jackson)": r"tools\.jackson",
    "outbound WebClient and reactor-netty": r"web\.reactive\.function\.client|reactor\.netty",
    "image checks and SHA-256 (Intake)": r"Intake\.check",
    "request body writing (GenerateContentBody, SourceChunks)": r"GenerateContentBody|SourceChunks",
    "file I/O": r"sun\.nio\.ch\.FileChannelImpl|FileInputStream\.read|FileOutputStream\.write|UnixFileSystemProvider",
    "socket I/O": r"SocketDispatcher|FileDispatcherImpl\.(read|write)|epoll|NioSocketImpl",
}
categories = collections.Counter()
self_counts = collections.Counter()
total_counts = collections.Counter()
threads = collections.Counter()
samples = 0
frame = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
for event in text.split("jdk.ExecutionSample {")[1:]:
    samples += 1
    thread = re.search(r'sampledThread = "([^"]*)"', event)
    if thread:
        threads[re.sub(r"\d+", "N", thread.group(1))] += 1
    methods = [m.group(1) for m in (frame.match(line) for line in event.splitlines()) if m]
    for name, pattern in CATEGORIES.items():
        if re.search(pattern, event):
            categories[name] += 1
    if methods:
        self_counts[methods[0]] += 1
        for method in set(methods):
            total_counts[method] += 1

print(f"{samples} CPU samples")
print("\n| inclusive % | cost |\n|---:|---|")
for name, count in categories.most_common():
    print(f"| {100 * count / max(1, samples):.1f} | {name} |")
for title, counter in (("self", self_counts), ("total", total_counts), ("thread", threads)):
    print(f"\n| {title} % | {'method' if title != 'thread' else 'thread (digits as N)'} |\n|---:|---|")
    for name, count in counter.most_common(top):
        print(f"| {100 * count / max(1, samples):.1f} | `{name}` |")
