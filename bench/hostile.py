"""Runs bench/hostile.sh's mix against a gateway on 127.0.0.1 and prints key=value results.

Usage: hostile.py PORT KEY SECONDS INPUTS_DIR GATEWAY_TMPDIR GATEWAY_PID [ATTACKS]

Beside ordinary captions at 20 requests a second (open loop: one starts every 50 ms whatever the others do), for
SECONDS it runs, each in its own threads:
  slow       100 connections dripping a multipart body (100 bytes a second, 10 MB declared), reconnecting when cut
  bomb       2 callers: a 10000 x 10000 16-bit RGBA PNG of zeros, EXIF orientation 6, to tokens with maxDimension=64
  mask       1 caller: segment on a 600000 x 166 1-bit PNG, the upstream answering a whole-image box with a 1 x 4096 mask
  unauth     2 callers: 3 x 60 MB multipart bodies without a key to /actuator/health, /v3/api-docs and a vision
             endpoint, and with a wrong key
  gigabyte   1 caller: 16 x 62 MB image parts (just under the 1 GB request limit) to caption with a valid key
and samples the gateway's RSS and its temp files (bytes and count) every 0.5 s. ATTACKS (comma-separated, default
all five) picks the attacks that run.
"""
import concurrent.futures
import http.client
import os
import socket
import struct
import sys
import threading
import time
import zlib

port, key, seconds, inputs, tmpdir, pid = (int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4],
                                           sys.argv[5], int(sys.argv[6]))
ATTACKS = set((sys.argv[7] if len(sys.argv) > 7 and sys.argv[7] else "slow,bomb,mask,unauth,gigabyte").split(","))
END = None  # set once the crafted images are ready
BOUNDARY = "hostileb0undary"
lock = threading.Lock()
outcomes = {}


def count(kind, status):
    with lock:
        outcomes.setdefault(kind, {}).setdefault(str(status), 0)
        outcomes[kind][str(status)] += 1


def running():
    return END is not None and time.monotonic() < END


def part(name, value, filename=None, content_type=None):
    disposition = 'form-data; name="%s"' % name + ('; filename="%s"' % filename if filename else "")
    head = "--%s\r\nContent-Disposition: %s\r\n" % (BOUNDARY, disposition)
    if content_type:
        head += "Content-Type: %s\r\n" % content_type
    return head.encode() + b"\r\n" + value + b"\r\n"


def body(*parts):
    return b"".join(parts) + ("--%s--\r\n" % BOUNDARY).encode()


def post(path, payload, headers=None, timeout=120):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        all_headers = {"Content-Type": "multipart/form-data; boundary=" + BOUNDARY, "X-API-Key": key}
        all_headers.update(headers or {})
        connection.request("POST", path, payload, all_headers)
        response = connection.getresponse()
        response.read()
        return response.status
    except (OSError, http.client.HTTPException) as ex:
        return type(ex).__name__
    finally:
        connection.close()


def png(width, height, bit_depth, color_type, bytes_per_row, orientation=None):
    """A PNG of zeros, compressed row by row so the raw image never sits in memory."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    compressor = zlib.compressobj(9)
    row = bytes(1 + bytes_per_row)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    chunks = [chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0))]
    if orientation:
        tiff = b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">HHHIHH", 1, 0x0112, 3, 1, orientation, 0) + bytes(4)
        chunks.append(chunk(b"eXIf", tiff))
    return b"\x89PNG\r\n\x1a\n" + b"".join(chunks) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


# --- ordinary captions -------------------------------------------------------------------------------------------
ordinary_latencies = []
with open(os.path.join(inputs, "chelsea.png"), "rb") as f:
    CAPTION = body(part("images", f.read(), "chelsea.png", "image/png"))


def ordinary():
    start = time.monotonic()
    status = post("/v1/vision/caption", CAPTION, timeout=60)
    with lock:
        ordinary_latencies.append((time.monotonic() - start, status))


def ordinary_schedule(pool):
    next_at = time.monotonic()
    while running():
        pool.submit(ordinary)
        next_at += 0.05
        time.sleep(max(0.0, next_at - time.monotonic()))


# --- attacks -----------------------------------------------------------------------------------------------------
def status_of(s, timeout=10):
    """The status the gateway answered, also when it closed the connection while the body was still being sent."""
    try:
        s.settimeout(timeout)
        return s.recv(64).split(b"\r\n")[0].decode(errors="replace").split(" ")[1]
    except (OSError, IndexError) as ex:
        return "closed:" + type(ex).__name__


def raw_upload(path, headers, declared, first, filler, limit):
    """Sends headers and up to `limit` body bytes as fast as the gateway takes them; returns the status line."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
            head = "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=%s\r\n" \
                   "Content-Length: %d\r\n%s\r\n" % (path, BOUNDARY, declared, headers)
            s.sendall(head.encode() + first)
            sent = len(first)
            s.settimeout(0.5)
            while sent < limit and running():
                try:
                    s.sendall(filler)
                    sent += len(filler)
                except (socket.timeout, OSError):
                    break
            return status_of(s)
    except OSError as ex:
        return type(ex).__name__


def slow():
    declared = 10 * 1024 * 1024
    first = part("prompt", b"p")[:-2] + b"\r\n--" + BOUNDARY.encode() + \
        b'\r\nContent-Disposition: form-data; name="images"; filename="s.png"\r\n\r\n'
    while running():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
                s.sendall(("POST /v1/vision/caption HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: %s\r\n"
                           "Content-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n"
                           % (key, BOUNDARY, declared)).encode() + first)
                s.settimeout(1.0)
                while running():
                    try:
                        answer = s.recv(64)
                        count("slow", answer.split(b" ")[1].decode() if answer else "closed")
                        break
                    except socket.timeout:
                        s.sendall(bytes(100))
        except (OSError, IndexError) as ex:
            count("slow", type(ex).__name__)
            time.sleep(1)


def bomb(image):
    payload = body(part("images", image, "bomb.png", "image/png"), part("maxDimension", b"64"))
    while running():
        count("bomb", post("/v1/vision/tokens", payload))
        time.sleep(1)


def mask(image):
    payload = body(part("images", image, "wide.png", "image/png"), part("model", b"gemini-3.1-flash-lite"))
    while running():
        count("mask", post("/v1/vision/segment", payload))
        time.sleep(2)


def unauthenticated(which):
    sixty = 60 * 1024 * 1024
    header = b'--' + BOUNDARY.encode() + b'\r\nContent-Disposition: form-data; name="images"; filename="a.png"\r\n\r\n'
    targets = [("/actuator/health", ""), ("/v3/api-docs", ""), ("/v1/vision/caption", ""),
               ("/v1/vision/caption", "X-API-Key: %sx\r\n" % key)]
    filler = bytes(256 * 1024)
    i = which
    while running():
        path, headers = targets[i % len(targets)]
        count("unauth", raw_upload(path, headers, 3 * (len(header) + sixty + 2), header, filler, 3 * sixty))
        i += 1
        time.sleep(0.2)


def gigabyte():
    size = 62 * 1024 * 1024
    header = b'--' + BOUNDARY.encode() + b'\r\nContent-Disposition: form-data; name="images"; filename="g.png"\r\n\r\n'
    chunk = bytes(1024 * 1024)
    declared = 16 * (len(header) + size + 2) + len(BOUNDARY) + 6
    while running():
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
                s.sendall(("POST /v1/vision/caption HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: %s\r\n"
                           "Content-Type: multipart/form-data; boundary=%s\r\nContent-Length: %d\r\n\r\n"
                           % (key, BOUNDARY, declared)).encode())
                try:
                    for _ in range(16):
                        s.sendall(header)
                        for _ in range(size // len(chunk)):
                            s.sendall(chunk)
                        s.sendall(b"\r\n")
                    s.sendall(("--%s--\r\n" % BOUNDARY).encode())
                except OSError:
                    pass
                count("gigabyte", status_of(s, 60))
        except OSError as ex:
            count("gigabyte", type(ex).__name__)
        time.sleep(3)


# --- sampling ----------------------------------------------------------------------------------------------------
peaks = {"rss_bytes": 0, "temp_bytes": 0, "temp_files": 0}


def temp_files():
    try:
        return [e for e in os.scandir(tmpdir) if e.name.startswith("vision-") and e.name.endswith(".img")]
    except OSError:
        return []


def sample():
    while running():
        try:
            with open("/proc/%d/status" % pid) as f:
                rss = next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))
        except (OSError, StopIteration):
            rss = 0
        files = temp_files()
        size = 0
        for entry in files:
            try:
                size += entry.stat().st_size
            except OSError:
                pass
        peaks["rss_bytes"] = max(peaks["rss_bytes"], rss)
        peaks["temp_bytes"] = max(peaks["temp_bytes"], size)
        peaks["temp_files"] = max(peaks["temp_files"], len(files))
        time.sleep(0.5)


def main():
    bomb_png = png(10000, 10000, 16, 6, 10000 * 8, orientation=6)
    wide_png = png(600000, 166, 1, 0, 75000)
    print("attacks=%s bomb_png_bytes=%d wide_png_bytes=%d" % (",".join(sorted(ATTACKS)), len(bomb_png), len(wide_png)),
          flush=True)
    global END
    END = time.monotonic() + seconds
    threads = [threading.Thread(target=sample)]
    if "slow" in ATTACKS:
        threads += [threading.Thread(target=slow) for _ in range(100)]
    if "bomb" in ATTACKS:
        threads += [threading.Thread(target=bomb, args=(bomb_png,)) for _ in range(2)]
    if "mask" in ATTACKS:
        threads += [threading.Thread(target=mask, args=(wide_png,))]
    if "unauth" in ATTACKS:
        threads += [threading.Thread(target=unauthenticated, args=(i,)) for i in range(2)]
    if "gigabyte" in ATTACKS:
        threads += [threading.Thread(target=gigabyte)]
    for thread in threads:
        thread.daemon = True
        thread.start()
    with concurrent.futures.ThreadPoolExecutor(max_workers=200) as pool:
        ordinary_schedule(pool)
    # attacks notice the end within a few seconds; the ordinary requests already finished with the pool
    for thread in threads:
        thread.join(timeout=30)

    done = sorted(latency for latency, status in ordinary_latencies)
    ok = [latency for latency, status in ordinary_latencies if status == 200]
    failures = {}
    for _, status in ordinary_latencies:
        if status != 200:
            failures[str(status)] = failures.get(str(status), 0) + 1
    p = lambda values, q: values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")
    print("ordinary_sent=%d" % len(done))
    print("ordinary_success_pct=%.2f" % (100.0 * len(ok) / max(1, len(done))))
    print("ordinary_failures=%s" % (failures or "none"))
    print("ordinary_p50_ms=%.0f ordinary_p99_ms=%.0f (all answers) ordinary_ok_p99_ms=%.0f" % (
        1000 * p(done, 0.50), 1000 * p(done, 0.99), 1000 * p(sorted(ok), 0.99)))
    for kind in ("slow", "bomb", "mask", "unauth", "gigabyte"):
        print("attack_%s=%s" % (kind, outcomes.get(kind, {})))
    print("peak_rss_mb=%.0f" % (peaks["rss_bytes"] / 2**20))
    print("peak_temp_mb=%.0f peak_temp_files=%d" % (peaks["temp_bytes"] / 2**20, peaks["temp_files"]))


main()
