#!/usr/bin/env bash
# Concurrency benchmark: 1,000 caption requests at once while the canned upstream delays every answer by 2 s.
# Target: all complete in under 2.5 s wall time, no errors, heap under 300 MB. Loopback only; every burst has a
# deadline (BENCH_BURST_TIMEOUT, default 60 s); everything started here is stopped on exit.
#
#   bench/concurrency.sh      # about 4 minutes; BENCH_SKIP_BUILD=1 reuses the jar, BENCH_KEEP=1 keeps logs,
#                             # BENCH_WARMUP=120 seconds of steady warm-up load
#   BENCH_JFR=1 bench/concurrency.sh   # also profile the measured bursts (JFR) and print the hottest methods
#
# BENCH_GATEWAY_ARGS adds gateway settings (for instance outbound pool or concurrency properties); the gateway
# runs with -Xmx300m (BENCH_JAVA_OPTS replaces that) and the heap is read with HeapProbe (sum of pool peaks).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

COUNT="${BENCH_BURST:-1000}"
DELAY="${BENCH_DELAY:-2}"
TIMEOUT="${BENCH_BURST_TIMEOUT:-60}"

need_packages
build_jar
MULTIPART="$(make_inputs load)"
start_nginx "$DELAY"

# burst LABEL PORT PATH BODY TYPE
burst() {
	local load out cpu
	load="$(load_now)"
	cpu="$(proc_cpu_ms ${GATEWAY_PID:-})"
	out="$(python3 "$BENCH_DIR/burst.py" "$2" "$3" "$4" "$5" "$COUNT" "$TIMEOUT" | sed -n 's/^RESULT //p')"
	echo "$1 (load $load): $out"
	if [[ -n "${GATEWAY_PID:-}" ]]; then
		echo "  gateway CPU: $(($(proc_cpu_ms "$GATEWAY_PID") - cpu)) ms"
	fi
}

echo
machine_facts
echo
burst "upstream alone, $COUNT generateContent at once (tiny image)" "$UPSTREAM_PORT" \
	/v1beta/models/gemini-3.8-flash:generateContent "$WORK/inputs/tiny.json" application/json

# shellcheck disable=SC2086
GATEWAY_ARGS="${BENCH_GATEWAY_ARGS:-}" start_gateway "$UPSTREAM_PORT" ${BENCH_JAVA_OPTS:--Xmx300m} -XX:+ExitOnOutOfMemoryError \
	-Xlog:gc:file="$WORK/gc.log"
echo "gateway settings: ${BENCH_JAVA_OPTS:--Xmx300m} ${BENCH_GATEWAY_ARGS:-(defaults)}"
# Warm-up: the JIT needs tens of thousands of requests before a request's code is compiled for good, far more than a
# few bursts make (measured cold, the third burst still spent a third of its CPU compiling). So first a steady load
# for BENCH_WARMUP seconds (default 120) on the model the upstream answers at once, then bursts to open the
# connections; each warm-up burst is reported too.
log "warming the gateway up (${BENCH_WARMUP:-120}s of steady load, then bursts)"
url="http://127.0.0.1:$GATEWAY_PORT/v1/vision/caption"
warm=$(((${BENCH_WARMUP:-120} + 1) / 2))
for name in tiny jpeg100k; do
	wrk -t1 -c32 -d"${warm}s" --timeout 60s -s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/$name.undelayed.multipart" \
		"$MULTIPART" 0 | sed -n "s/^RESULT /warm-up, steady load ($name image, c=32): /p" | cut -c1-160
done
COUNT=50 burst "warm-up, 50 at once" "$GATEWAY_PORT" /v1/vision/caption "$WORK/inputs/tiny.multipart" "$MULTIPART"
for i in $(seq 1 "${BENCH_WARMUP_BURSTS:-3}"); do
	burst "warm-up burst $i" "$GATEWAY_PORT" /v1/vision/caption "$WORK/inputs/tiny.multipart" "$MULTIPART"
done
for name in tiny jpeg100k; do
	heap_probe "$GATEWAY_PID" reset >/dev/null
	if [[ -n "${BENCH_JFR:-}" ]]; then
		"$JCMD_BIN" "$GATEWAY_PID" JFR.start name=burst settings=profile filename="$WORK/burst-$name.jfr" >/dev/null
	fi
	burst "gateway, $COUNT captions at once ($name image)" "$GATEWAY_PORT" /v1/vision/caption \
		"$WORK/inputs/$name.multipart" "$MULTIPART"
	if ! kill -0 "$GATEWAY_PID" 2>/dev/null; then
		echo "  the gateway exited: $(grep -m1 -o 'OutOfMemoryError.*' "$WORK/gateway.log" || tail -1 "$WORK/gateway.log")"
		break
	fi
	echo "  heap: $(heap_probe "$GATEWAY_PID" peak 2>&1 | head -1)"
	if [[ -n "${BENCH_JFR:-}" ]]; then
		"$JCMD_BIN" "$GATEWAY_PID" JFR.stop name=burst >/dev/null
		python3 "$BENCH_DIR/jfr_top.py" "$WORK/burst-$name.jfr" 15
	fi
done
errors="$(grep -c ' ERROR \|Exception' "$WORK/gateway.log" || true)"
echo "gateway log: $errors error/exception lines"
if ((errors > 0)); then
	{ grep -m5 ' ERROR \|Exception' "$WORK/gateway.log" || true; } | cut -c1-300
fi
