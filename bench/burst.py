"""Fires N requests at once, each on its own connection, and waits for all of them (bounded by a deadline).

Usage: burst.py PORT PATH BODY_FILE CONTENT_TYPE N TIMEOUT_SECONDS
All N connections are opened first; then every request is sent at the same moment and the wall time runs from
there until the last answer. Prints one line
  RESULT {"requests":N,"ok":..,"statuses":{..},"failures":..,"wall_s":..,"p50_ms":..,"p90_ms":..,"p99_ms":..,"max_ms":..}
"""
import asyncio
import collections
import json
import sys
import time

port, path, body_file, content_type = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
count, timeout = int(sys.argv[5]), float(sys.argv[6])
body = open(body_file, "rb").read()
head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()


async def one(reader, writer, start):
    writer.write(head + body)
    await writer.drain()
    status_line = await reader.readline()
    await reader.read()  # Connection: close, so the answer ends with the stream
    writer.close()
    return int(status_line.split()[1]), time.perf_counter() - start


async def main():
    connections = await asyncio.gather(*(asyncio.open_connection("127.0.0.1", port) for _ in range(count)))
    start = time.perf_counter()
    tasks = [asyncio.create_task(one(r, w, start)) for r, w in connections]
    done, pending = await asyncio.wait(tasks, timeout=timeout)
    wall = time.perf_counter() - start
    for task in pending:
        task.cancel()
    statuses = collections.Counter()
    latencies = []
    failures = len(pending)
    for task in done:
        if task.exception() is not None:
            failures += 1
            continue
        status, latency = task.result()
        statuses[status] += 1
        latencies.append(latency * 1000)
    latencies.sort()

    def pct(p):
        return round(latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))], 1) if latencies else None

    print("RESULT " + json.dumps({
        "requests": count, "ok": statuses.get(200, 0), "statuses": dict(statuses), "failures": failures,
        "wall_s": round(max(latencies) / 1000 if latencies and not pending else wall, 3),
        "p50_ms": pct(50), "p90_ms": pct(90), "p99_ms": pct(99), "max_ms": latencies[-1] if latencies else None}))


asyncio.run(main())
