#!/usr/bin/env bash
# Scale-out cost: what sharing state through Redis adds to a request. The same gateway jar runs once with
# vision.state.store=memory and once with redis (a redis-server of this run's own, on a free loopback port, holding
# nothing on disk), with caller authentication, a caller quota and a model budget on, so every request takes the
# shared-state paths a deployment takes (quota bucket, model budget, file registry, cool-down check). Per store:
# caption req/s and latency at c=1 and c=32, and Redis commands per request (INFO stats of the private server).
# Loopback only, bounded by time; everything started here is stopped on exit.
#
#   bench/scale.sh       # about 4 minutes
#
# Environment: BENCH_SECONDS (per run, default 10), BENCH_WARMUP (seconds per store, default 30), BENCH_CASES
# (default "tiny jpeg100k"), BENCH_SKIP_BUILD=1, BENCH_KEEP=1.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
WARMUP="${BENCH_WARMUP:-30}"
CASES="${BENCH_CASES:-tiny jpeg100k}"
RESULTS="$WORK/results.tsv"
API_KEY="bench-scale-key"

command -v redis-server >/dev/null || die "redis-server is missing: apt-get install -y redis-server"
need_packages
build_jar
MULTIPART="$(make_inputs load)"
start_nginx 0

REDIS_PORT="$(free_port)"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
	--logfile "$WORK/redis.log" &
BENCH_PIDS+=("$!")
for ((i = 0; i < 40; i++)); do
	redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
	sleep 0.25
done
redis-cli -p "$REDIS_PORT" ping >/dev/null || die "redis-server did not start (see $WORK/redis.log)"

redis_commands() {
	redis-cli -p "$REDIS_PORT" info stats | sed -n 's/^total_commands_processed:\([0-9]*\).*/\1/p'
}

key_hash="$(printf '%s' "$API_KEY" | sha256sum | cut -d' ' -f1)"
for store in memory redis; do
	# Quotas far above what a run reaches: they are charged on every request but never refuse one.
	GATEWAY_ARGS="--vision.state.store=$store --spring.data.redis.url=redis://127.0.0.1:$REDIS_PORT
		--vision.state.key-prefix=bench-$store: --vision.auth.enabled=true
		--vision.auth.key-hashes=bench:$key_hash --vision.auth.requests-per-minute=100000000
		--vision.gemini.models.[gemini-3.8-flash].requests-per-minute=100000000" \
		start_gateway "$UPSTREAM_PORT"
	url="http://127.0.0.1:$GATEWAY_PORT/v1/vision/caption"
	curl -sf -o /dev/null -H "X-API-Key: $API_KEY" -F "images=@$WORK/inputs/tiny.img;type=image/png" "$url" \
		|| { tail -50 "$WORK/gateway.log" >&2; die "the first caption request failed ($store)"; }
	log "warming the $store gateway up (${WARMUP}s)"
	wrk -t1 -c8 -d"${WARMUP}s" -H "X-API-Key: $API_KEY" -s "$BENCH_DIR/post.lua" "$url" -- \
		"$WORK/inputs/tiny.multipart" "$MULTIPART" 0 >/dev/null
	for name in $CASES; do
		for conns in 1 32; do
			load="$(load_now)"
			before="$(redis_commands)"
			out="$(wrk -t1 -c"$conns" -d"${SECONDS_PER_RUN}s" --timeout 60s -H "X-API-Key: $API_KEY" \
				-s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/$name.multipart" "$MULTIPART" 0 \
				| sed -n 's/^RESULT //p')"
			[[ -n "$out" ]] || die "wrk printed no result for $store $name c=$conns"
			printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$store" "$name" "$conns" "$load" "$(($(redis_commands) - before))" \
				"$out" >>"$RESULTS"
			log "$store $name c=$conns (load $load): $out"
		done
	done
	stop_gateway
done

echo
machine_facts
echo
python3 - "$RESULTS" <<'PY'
import json, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])]
by = {(r[0], r[1], r[2]): (r[3], int(r[4]), json.loads(r[5])) for r in rows}
print("| case | c | memory req/s | redis req/s | memory p50 ms | redis p50 ms | added p50 ms | redis p99 ms "
      "| Redis commands per request | non-2xx | load |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for (store, name, conns), (load, _, _) in by.items():
    if store != "redis" or ("memory", name, conns) not in by:
        continue
    m = by[("memory", name, conns)][2]
    lm = by[("memory", name, conns)][0]
    r = by[("redis", name, conns)][2]
    commands = by[("redis", name, conns)][1]
    print(f"| {name} | {conns} | {m['rps']:,.0f} | {r['rps']:,.0f} | {m['p50_us'] / 1000:.2f} | "
          f"{r['p50_us'] / 1000:.2f} | {(r['p50_us'] - m['p50_us']) / 1000:+.2f} | {r['p99_us'] / 1000:.2f} | "
          f"{commands / max(r['requests'], 1):.2f} | {m['non2xx'] + r['non2xx']} | {lm} / {load} |")
PY
