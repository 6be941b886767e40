#!/usr/bin/env bash
# Load benchmark: the gateway's cost per caption request over a canned nginx upstream, beside the same requests sent
# straight to the upstream and through an nginx reverse proxy; and the cost of the Gemini-native pass-through
# (POST /gemini/v1beta/models/<m>:generateContent) with the same JSON bodies as the direct and proxy rows. Loopback only; every run is bounded by time
# (BENCH_SECONDS, default 10 per run) and by a request cap far above what a run reaches (a run that hits it is
# marked 'capped': its req/s is then not meaningful); everything started here is stopped on exit.
#
#   bench/load.sh      # build the jar, run all cases, print the table (about 7 minutes)
#
# Environment: BENCH_SECONDS (per run), BENCH_SKIP_BUILD=1 (reuse target/*.jar), BENCH_JAVA_OPTS (gateway JVM),
# BENCH_GATEWAY_ARGS (more gateway settings),
# BENCH_KEEP=1 (keep the temp dir with logs and bodies), BENCH_CASES (subset, e.g. "tiny jpeg100k"),
# BENCH_WARMUP (seconds of gateway warm-up before measuring, default 60).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
CASES="${BENCH_CASES:-tiny jpeg100k png2m png15m png25m}"
RESULTS="$WORK/results.tsv"

need_packages
build_jar
log "building inputs in $WORK/inputs"
MULTIPART="$(make_inputs load)"
start_nginx 0

has_case() {
	[[ " $CASES " == *" $1 "* ]]
}

# run_wrk TARGET CASE CONNECTIONS URL BODY CONTENT_TYPE MAX_PER_THREAD
run_wrk() {
	local target="$1" name="$2" conns="$3" url="$4" body="$5" type="$6" cap="$7"
	local load out gw_before nginx_before
	load="$(load_now)"
	gw_before="$(proc_cpu_ms ${GATEWAY_PID:-})"
	nginx_before="$(proc_cpu_ms $(nginx_pids))"
	out="$(wrk -t1 -c"$conns" -d"${SECONDS_PER_RUN}s" --timeout 60s -s "$BENCH_DIR/post.lua" "$url" -- \
		"$body" "$type" "$cap" | sed -n 's/^RESULT //p')"
	[[ -n "$out" ]] || die "wrk printed no result for $target $name c=$conns"
	if (($(sed 's/.*"requests":\([0-9]*\).*/\1/' <<<"$out") >= cap)); then
		out="${out%\}},\"capped\":true}"
	fi
	out="${out%\}},\"gateway_cpu_ms\":$(($(proc_cpu_ms ${GATEWAY_PID:-}) - gw_before))"
	out+=",\"nginx_cpu_ms\":$(($(proc_cpu_ms $(nginx_pids)) - nginx_before))}"
	printf '%s\t%s\t%s\t%s\t%s\n' "$target" "$name" "$conns" "$load" "$out" >>"$RESULTS"
	log "$target $name c=$conns (load $load): $out"
}

# run_files TARGET PORT: the 25 MB Files API sequence sent straight to PORT
run_files() {
	local target="$1" port="$2" load out nginx_before
	load="$(load_now)"
	nginx_before="$(proc_cpu_ms $(nginx_pids))"
	out="$(python3 "$BENCH_DIR/files_seq.py" "$port" "$WORK/inputs/png25m.img" image/png "$SECONDS_PER_RUN" 10000 \
		| sed -n 's/^RESULT //p')"
	out="${out%\}}, \"gateway_cpu_ms\": 0, \"nginx_cpu_ms\": $(($(proc_cpu_ms $(nginx_pids)) - nginx_before))}"
	printf '%s\t%s\t%s\t%s\t%s\n' "$target" png25m 1 "$load" "$out" >>"$RESULTS"
	log "$target png25m c=1 (load $load): $out"
}

cap_for() {
	case "$1" in
	tiny | jpeg100k) echo 2000000 ;;
	png2m) echo 200000 ;;
	png15m) echo 20000 ;;
	png25m) echo 10000 ;;
	esac
}

# direct and proxy: the generateContent JSON body (base64 image inside), as the gateway would send it
for target in direct proxy; do
	port="$UPSTREAM_PORT"
	[[ "$target" == proxy ]] && port="$PROXY_PORT"
	url="http://127.0.0.1:$port/v1beta/models/gemini-3.8-flash:generateContent"
	# warm nginx's buffers and the loopback path
	wrk -t1 -c8 -d2s -s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/jpeg100k.json" application/json 0 >/dev/null
	for name in tiny jpeg100k png2m png15m; do
		has_case "$name" || continue
		run_wrk "$target" "$name" 1 "$url" "$WORK/inputs/$name.json" application/json "$(cap_for "$name")"
		if [[ "$name" == tiny || "$name" == jpeg100k ]]; then
			run_wrk "$target" "$name" 32 "$url" "$WORK/inputs/$name.json" application/json "$(cap_for "$name")"
		fi
	done
	if has_case png25m; then
		run_files "$target" "$port"
	fi
done

# The gateway: dedup off so every 25 MB request really uploads (the inline cases never look at it).
# shellcheck disable=SC2086
GATEWAY_ARGS="--vision.transfer.dedup=false ${BENCH_GATEWAY_ARGS:-}" start_gateway "$UPSTREAM_PORT" ${BENCH_JAVA_OPTS:-}
url="http://127.0.0.1:$GATEWAY_PORT/v1/vision/caption"
log "warming the gateway up (${BENCH_WARMUP:-60}s)"
curl -sf -o /dev/null -F "images=@$WORK/inputs/jpeg100k.img;type=image/jpeg" "$url" \
	|| { tail -50 "$WORK/gateway.log" >&2; die "the first caption request failed"; }
# The JIT needs tens of thousands of requests before latency settles: warm with both small cases, then a few big ones.
warm=$(((${BENCH_WARMUP:-60} + 1) / 2))
wrk -t1 -c8 -d"${warm}s" -s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/tiny.multipart" "$MULTIPART" 0 >/dev/null
wrk -t1 -c8 -d"${warm}s" -s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/jpeg100k.multipart" "$MULTIPART" 0 >/dev/null
wrk -t1 -c2 -d5s -s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/png15m.multipart" "$MULTIPART" 0 >/dev/null
for name in tiny jpeg100k png2m png15m png25m; do
	has_case "$name" || continue
	run_wrk gateway "$name" 1 "$url" "$WORK/inputs/$name.multipart" "$MULTIPART" "$(cap_for "$name")"
	if [[ "$name" == tiny || "$name" == jpeg100k ]]; then
		run_wrk gateway "$name" 32 "$url" "$WORK/inputs/$name.multipart" "$MULTIPART" "$(cap_for "$name")"
	fi
done
# The Gemini-native pass-through: the very generateContent bodies sent to direct and proxy above, posted to
# <gateway>/gemini as Google's SDKs post them, so its overhead compares with nginx's hop.
url="http://127.0.0.1:$GATEWAY_PORT/gemini/v1beta/models/gemini-3.8-flash:generateContent"
curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/inputs/jpeg100k.json" "$url" \
	|| { tail -50 "$WORK/gateway.log" >&2; die "the first pass-through request failed"; }
wrk -t1 -c8 -d"${warm}s" -s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/jpeg100k.json" application/json 0 >/dev/null
# png15m's JSON is over vision.passthrough.max-body-size (20MB): the pass-through refuses it, as it should
for name in tiny jpeg100k png2m; do
	has_case "$name" || continue
	run_wrk passthrough "$name" 1 "$url" "$WORK/inputs/$name.json" application/json "$(cap_for "$name")"
	if [[ "$name" == tiny || "$name" == jpeg100k ]]; then
		run_wrk passthrough "$name" 32 "$url" "$WORK/inputs/$name.json" application/json "$(cap_for "$name")"
	fi
done
if grep -q '"non2xx":[1-9]\|"errors":[1-9]' "$RESULTS"; then
	log "some runs had errors; the gateway log ends with:"
	tail -20 "$WORK/gateway.log" >&2
fi
stop_gateway

echo
machine_facts
echo
python3 "$BENCH_DIR/report.py" "$RESULTS" "$WORK/inputs/sizes.json"
