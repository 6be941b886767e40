#!/usr/bin/env bash
# Memory benchmarks, over the canned nginx upstream (loopback only; everything started here is stopped on exit):
#  1. peak heap of one 15 MB inline caption request beyond the idle heap (target: under 3x the image, 45 MB);
#  2. one ask with 3,600 distinct 200 KB PNGs (720 MB) on a gateway limited to -Xmx256m (target: completes).
#
#   bench/memory.sh        # about 3 minutes; BENCH_SKIP_BUILD=1 reuses the jar, BENCH_KEEP=1 keeps logs
#
# Method: the gateway runs with the serial collector and an 8 MB young generation, so garbage not yet collected
# is at most 8 MB; HeapProbe forces a full GC at idle (after warm-up requests), resets the heap pools' peaks,
# the request runs, and the sum of the pools' peaks minus the idle heap is reported (an upper bound: each pool's
# own maximum, garbage included). The GC log's heap after each collection during the request is reported too.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ASK_IMAGES="${BENCH_ASK_IMAGES:-3600}"
ASK_IMAGE_BYTES="${BENCH_ASK_IMAGE_BYTES:-200000}"

need_packages
build_jar
log "building inputs (the ask body is $((ASK_IMAGES * ASK_IMAGE_BYTES / 1000000)) MB)"
MULTIPART="$(make_inputs load ask "$ASK_IMAGES" "$ASK_IMAGE_BYTES")"
start_nginx 0

# post BODY_FILE PATH: prints "status seconds"; the answer goes to $WORK/answer.json
post() {
	rm -f "$WORK/answer.json"
	curl -s -o "$WORK/answer.json" -w '%{http_code} %{time_total}' --max-time 600 -X POST -H 'Expect:' \
		-H "Content-Type: $MULTIPART" -T "$1" "http://127.0.0.1:$GATEWAY_PORT$2"
}

mb() {
	awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'
}

# Heap after each GC that ended while the request ran, as "before->after(capacity)" megabytes, the largest after.
gc_after_max() {
	{ grep -o 'M->[0-9]*M' "$1" || true; } | tr -d 'M>-' | sort -n | tail -1
}

echo
machine_facts
echo

log "1. one 15 MB inline caption request"
GATEWAY_ARGS="--vision.transfer.dedup=false" start_gateway "$UPSTREAM_PORT" -XX:+UseSerialGC -Xmn8m -Xmx512m \
	-Xlog:gc:file="$WORK/gc-15m.log"
for _ in 1 2 3; do
	post "$WORK/inputs/png15m.multipart" /v1/vision/caption >/dev/null
done
idle="$(heap_probe "$GATEWAY_PID" reset | sed -n 's/^idle_used_bytes=//p')"
lines_before="$(wc -l <"$WORK/gc-15m.log")"
load="$(load_now)"
answer="$(post "$WORK/inputs/png15m.multipart" /v1/vision/caption)"
probe="$(heap_probe "$GATEWAY_PID" peak)"
tail -n +"$((lines_before + 1))" "$WORK/gc-15m.log" | grep -v 'System.gc' >"$WORK/gc-15m-request.log" || true
peak="$(sed -n 's/^peak_bytes=\([0-9]*\).*/\1/p' <<<"$probe")"
after="$(sed -n 's/^after_gc_used_bytes=//p' <<<"$probe")"
image=15000000
echo "15 MB inline caption: HTTP ${answer% *}, ${answer#* } s (load $load)"
echo "  idle heap after full GC: $(mb "$idle") MB; peak (sum of pool peaks): $(mb "$peak") MB"
echo "  peak beyond idle: $(mb $((peak - idle))) MB = $(awk -v d=$((peak - idle)) -v i=$image 'BEGIN { printf "%.2f", d / i }')x the image (target < 3x)"
echo "  young collections during the request: $(grep -c Pause "$WORK/gc-15m-request.log" || true), largest heap after one: $(gc_after_max "$WORK/gc-15m-request.log" || echo -) MB; after a full GC once done: $(mb "$after") MB"
echo "  pools: $(head -1 <<<"$probe" | cut -d' ' -f2-)"
stop_gateway

log "2. ask with $ASK_IMAGES images of $ASK_IMAGE_BYTES bytes on -Xmx256m"
for variant in default ${BENCH_ASK_VARIANTS:-spooled}; do
	args="--vision.transfer.dedup=false"
	if [[ "$variant" == spooled ]]; then
		# Every image part to a temp file instead of the heap (no in-memory budget at all).
		args+=" --vision.multipart.in-memory-budget=0"
	fi
	GATEWAY_ARGS="$args" start_gateway "$UPSTREAM_PORT" -Xmx256m -Xlog:gc:file="$WORK/gc-ask-$variant.log" \
		-XX:+ExitOnOutOfMemoryError
	idle="$(heap_probe "$GATEWAY_PID" reset | sed -n 's/^idle_used_bytes=//p')"
	load="$(load_now)"
	answer="$(post "$WORK/inputs/ask.multipart" /v1/vision/ask)" || true
	if kill -0 "$GATEWAY_PID" 2>/dev/null; then
		probe="$(heap_probe "$GATEWAY_PID" peak)"
		peak="$(mb "$(sed -n 's/^peak_bytes=\([0-9]*\).*/\1/p' <<<"$probe")") MB"
	else
		peak="gateway exited: $(grep -m1 -o 'OutOfMemoryError.*' "$WORK/gateway.log" || tail -1 "$WORK/gateway.log")"
	fi
	files="$(grep -o '"transfer":"FILE_API"' "$WORK/answer.json" 2>/dev/null | wc -l || true)"
	inline="$(grep -o '"transfer":"INLINE"' "$WORK/answer.json" 2>/dev/null | wc -l || true)"
	echo "ask, $variant multipart settings ($args): HTTP ${answer% *}, ${answer#* } s (load $load)"
	echo "  idle heap $(mb "$idle") MB, peak heap (sum of pool peaks) $peak; images inline $inline, via Files API $files"
	if [[ "${answer% *}" != 200 ]]; then
		echo "  answer: $(head -c 400 "$WORK/answer.json" 2>/dev/null)"
		{ grep -m3 -i 'exception\|error' "$WORK/gateway.log" || true; } | cut -c1-300 | sed 's/^/  log: /'
	fi
	stop_gateway
done
