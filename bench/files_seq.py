"""The Files API path sent straight to an upstream: what the gateway sends for one large image, timed as a whole.

Usage: files_seq.py PORT IMAGE_FILE MIME SECONDS MAX_ROUNDS [CHUNK_BYTES]

One round, on one keep-alive connection to 127.0.0.1:PORT: the resumable upload start, the image in chunks of
CHUNK_BYTES (8 MiB, the gateway's default upload-chunk-size), the last with 'upload, finalize', then a
generateContent naming the file. Rounds run one after another until SECONDS or MAX_ROUNDS. Prints one line
  RESULT {"requests":..,"seconds":..,"rps":..,"p50_us":..,"p90_us":..,"p99_us":..,"max_us":..,...}
"""
import http.client
import json
import sys
import time
from urllib.parse import urlsplit

port, image_path, mime = int(sys.argv[1]), sys.argv[2], sys.argv[3]
seconds, max_rounds = float(sys.argv[4]), int(sys.argv[5])
chunk = int(sys.argv[6]) if len(sys.argv) > 6 else 8 * 1024 * 1024
data = memoryview(open(image_path, "rb").read())
generate = json.dumps({"contents": [{"role": "user", "parts": [
    {"fileData": {"mimeType": mime, "fileUri": "http://127.0.0.1/v1beta/files/bench0001"}},
    {"text": "Write a short, factual caption for this image in one sentence."}]}]}).encode()


def call(conn, path, body, headers):
    conn.request("POST", path, body=body, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status} {payload[:200]!r}")
    return response


def one_round(conn):
    start = call(conn, "/upload/v1beta/files", json.dumps({"file": {"displayName": "bench.png"}}).encode(), {
        "Content-Type": "application/json", "X-Goog-Upload-Protocol": "resumable", "X-Goog-Upload-Command": "start",
        "X-Goog-Upload-Header-Content-Length": str(len(data)), "X-Goog-Upload-Header-Content-Type": mime})
    session = urlsplit(start.getheader("X-Goog-Upload-URL"))
    path = session.path + ("?" + session.query if session.query else "")
    offset = 0
    while offset < len(data):
        last = offset + chunk >= len(data)
        call(conn, path, data[offset:offset + chunk], {
            "X-Goog-Upload-Command": "upload, finalize" if last else "upload",
            "X-Goog-Upload-Offset": str(offset), "Content-Type": "application/octet-stream"})
        offset += chunk
    call(conn, "/v1beta/models/gemini-3.8-flash:generateContent", generate, {"Content-Type": "application/json"})


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))]


conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
latencies = []
began = time.perf_counter()
while len(latencies) < max_rounds and time.perf_counter() - began < seconds:
    t0 = time.perf_counter()
    one_round(conn)
    latencies.append(int((time.perf_counter() - t0) * 1e6))
elapsed = time.perf_counter() - began
latencies.sort()
print("RESULT " + json.dumps({
    "requests": len(latencies), "seconds": round(elapsed, 3), "rps": round(len(latencies) / elapsed, 1),
    "p50_us": percentile(latencies, 50), "p90_us": percentile(latencies, 90), "p99_us": percentile(latencies, 99),
    "max_us": latencies[-1], "mean_us": round(sum(latencies) / len(latencies), 1), "non2xx": 0, "errors": 0}))
