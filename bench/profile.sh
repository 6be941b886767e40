#!/usr/bin/env bash
# Where the gateway's CPU goes for one load case: warms up, records JFR (profile settings) during one bounded wrk
# run, and prints the hottest methods and threads. Loopback only; everything started here is stopped on exit.
#
#   bench/profile.sh CASE CONNECTIONS [SECONDS]     # e.g. bench/profile.sh tiny 32 20
#
# CASE is one of tiny, jpeg100k, png2m, png15m, png25m (see make_inputs.py). Also prints the request figures.
# Environment: BENCH_SKIP_BUILD=1, BENCH_JAVA_OPTS, BENCH_KEEP=1 (keeps the recording), BENCH_WARMUP (seconds, 20).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CASE="${1:?case: tiny, jpeg100k, png2m, png15m or png25m}"
CONNS="${2:?connections}"
DURATION="${3:-20}"

need_packages
build_jar
MULTIPART="$(make_inputs load)"
start_nginx 0
# shellcheck disable=SC2086
GATEWAY_ARGS="--vision.transfer.dedup=false ${BENCH_GATEWAY_ARGS:-}" start_gateway "$UPSTREAM_PORT" ${BENCH_JAVA_OPTS:-}
url="http://127.0.0.1:$GATEWAY_PORT/v1/vision/caption"
body="$WORK/inputs/$CASE.multipart"
[[ -f "$body" ]] || die "no case $CASE"

log "warming up for ${BENCH_WARMUP:-20}s"
wrk -t1 -c"$CONNS" -d"${BENCH_WARMUP:-20}s" --timeout 60s -s "$BENCH_DIR/post.lua" "$url" -- "$body" "$MULTIPART" 0 \
	| sed -n 's/^RESULT /warm-up: /p'
"$JCMD_BIN" "$GATEWAY_PID" JFR.start name=bench settings=profile filename="$WORK/gateway.jfr" >/dev/null
log "recording ${DURATION}s of $CASE at c=$CONNS (load $(load_now))"
wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 60s -s "$BENCH_DIR/post.lua" "$url" -- "$body" "$MULTIPART" 0 \
	| sed -n 's/^RESULT /measured: /p'
"$JCMD_BIN" "$GATEWAY_PID" JFR.stop name=bench >/dev/null
echo "load after: $(load_now)"
python3 "$BENCH_DIR/jfr_top.py" "$WORK/gateway.jfr" 30
