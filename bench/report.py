"""Turns load.sh's results (target, case, connections, load, RESULT json per line) into Markdown tables.

Usage: report.py RESULTS_TSV SIZES_JSON
Overhead is the gateway's latency minus the direct latency at the same percentile; the proxy's overhead likewise.
"""
import json
import sys

rows = {}
loads = {}
for line in open(sys.argv[1]):
    target, case, conns, load, result = line.rstrip("\n").split("\t", 4)
    rows[(target, case, int(conns))] = json.loads(result)
    loads[(target, case, int(conns))] = load
sizes = json.load(open(sys.argv[2]))


def ms(us):
    return f"{us / 1000:.2f}"


def pct(r):
    return f"{ms(r['p50_us'])} / {ms(r['p90_us'])} / {ms(r['p99_us'])}"


def over(a, b):
    return " / ".join(f"{(a[k] - b[k]) / 1000:+.2f}" for k in ("p50_us", "p90_us", "p99_us"))


def cpu_us(r, key):
    return r.get(key, 0) * 1000 / max(1, r["requests"])


print("| case | image bytes | conns | target | req/s | p50 / p90 / p99 ms | errors | gateway CPU us/req | nginx CPU us/req "
      "| load/PSI |")
print("|---|---:|---:|---|---:|---|---:|---:|---:|---:|")
for (target, case, conns), r in sorted(rows.items(), key=lambda kv: (list(sizes).index(kv[0][1]), kv[0][2],
                                                                        ["direct", "proxy", "gateway", "passthrough"].index(kv[0][0]))):
    capped = " (capped)" if r.get("capped") else ""
    print(f"| {case} | {sizes[case]:,} | {conns} | {target} | {r['rps']:,.0f}{capped} | {pct(r)} | "
          f"{r['non2xx'] + r['errors']} | {cpu_us(r, 'gateway_cpu_ms'):,.0f} | {cpu_us(r, 'nginx_cpu_ms'):,.0f} | "
          f"{loads[(target, case, conns)]} |")

print()
print("| case | conns | gateway overhead p50 / p90 / p99 ms | proxy overhead p50 / p90 / p99 ms | gateway image MB/s |")
print("|---|---:|---|---|---:|")
for (target, case, conns), g in rows.items():
    if target != "gateway" or ("direct", case, conns) not in rows:
        continue
    d = rows[("direct", case, conns)]
    p = rows.get(("proxy", case, conns))
    proxy = over(p, d) if p else "-"
    print(f"| {case} | {conns} | {over(g, d)} | {proxy} | {g['rps'] * sizes[case] / 1e6:,.1f} |")

print()
print("| case | conns | pass-through overhead p50 / p90 / p99 ms | nginx hop overhead p50 / p90 / p99 ms "
      "| pass-through minus nginx hop p50 / p90 / p99 ms |")
print("|---|---:|---|---|---|")
for (target, case, conns), t in rows.items():
    if target != "passthrough" or ("direct", case, conns) not in rows:
        continue
    d = rows[("direct", case, conns)]
    p = rows.get(("proxy", case, conns))
    print(f"| {case} | {conns} | {over(t, d)} | {over(p, d) if p else '-'} | {over(t, p) if p else '-'} |")

print()
print("| target (issue) | measured | met |")
print("|---|---|---|")


def check(name, key, fn):
    if all(k in rows for k in key):
        text, ok = fn(*[rows[k] for k in key])
        print(f"| {name} | {text} | {'yes' if ok else 'NO'} |")


check("100 KB caption, c=1: overhead p50 < 1 ms", [("gateway", "jpeg100k", 1), ("direct", "jpeg100k", 1)],
      lambda g, d: (f"{(g['p50_us'] - d['p50_us']) / 1000:.2f} ms", g["p50_us"] - d["p50_us"] < 1000))
check("100 KB caption, c=1: overhead p99 < 3 ms", [("gateway", "jpeg100k", 1), ("direct", "jpeg100k", 1)],
      lambda g, d: (f"{(g['p99_us'] - d['p99_us']) / 1000:.2f} ms", g["p99_us"] - d["p99_us"] < 3000))
check("15 MB inline, c=1: >= 400 MB/s of image bytes", [("gateway", "png15m", 1)],
      lambda g: (f"{g['rps'] * sizes['png15m'] / 1e6:.0f} MB/s", g["rps"] * sizes["png15m"] / 1e6 >= 400))
check("15 MB inline, c=1: overhead p50 within 3x nginx's",
      [("gateway", "png15m", 1), ("direct", "png15m", 1), ("proxy", "png15m", 1)],
      lambda g, d, p: (f"{(g['p50_us'] - d['p50_us']) / 1000:.1f} ms vs nginx {(p['p50_us'] - d['p50_us']) / 1000:.1f} ms "
                       f"(x{(g['p50_us'] - d['p50_us']) / max(1, p['p50_us'] - d['p50_us']):.1f})",
                       g["p50_us"] - d["p50_us"] <= 3 * (p["p50_us"] - d["p50_us"])))
check("tiny-image captions, c=32: >= 3,000 req/s", [("gateway", "tiny", 32)],
      lambda g: (f"{g['rps']:,.0f} req/s; the gateway's CPU per request ({cpu_us(g, 'gateway_cpu_ms'):,.0f} us) "
                 f"caps it at {2e6 / max(1, cpu_us(g, 'gateway_cpu_ms')):,.0f} req/s on 2 idle cores", g["rps"] >= 3000))
