#!/usr/bin/env bash
# Hostile callers beside ordinary ones (issue 13): the packaged jar on -Xmx512m with authentication on, a canned
# Gemini upstream (bench/hostile_upstream.py), and for HOSTILE_SECONDS (default 120) ordinary captions at 20 req/s
# while slow bodies, decode bombs, wide masks, unauthenticated bodies and 1 GB uploads run (see bench/hostile.py).
# Reports ordinary success and p99, peak heap and RSS, peak temp bytes, and at the end the temp files left and any
# OutOfMemoryError. Loopback only; everything lives in one temp dir that the EXIT trap removes.
#
#   bench/hostile.sh                 build the jar if needed, run, print the report
#   BENCH_SKIP_BUILD=1 bench/hostile.sh
#   HOSTILE_SECONDS=60 bench/hostile.sh
#   HOSTILE_ARGS="--vision.multipart.body-timeout=2m" bench/hostile.sh   (Spring arguments for the gateway)
#   HOSTILE_ATTACKS=slow,unauth,gigabyte bench/hostile.sh   (a subset of slow,bomb,mask,unauth,gigabyte)

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SECONDS_TO_RUN="${HOSTILE_SECONDS:-120}"
KEY="hostile-bench-key-$$"
KEY_HASH="$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)"

command -v python3 >/dev/null || die "python3 is needed"
build_jar
mkdir -p "$WORK/tmp" "$WORK/inputs"
cp "$REPO_ROOT/src/test/resources/images/chelsea.png" "$WORK/inputs/"

UPSTREAM_PORT="$(free_port)"
python3 "$BENCH_DIR/hostile_upstream.py" "$UPSTREAM_PORT" 4096 >"$WORK/upstream.log" 2>&1 &
UPSTREAM_PID=$!
BENCH_PIDS+=("$UPSTREAM_PID")
wait_http "http://127.0.0.1:$UPSTREAM_PORT/v1beta/models" "$UPSTREAM_PID" "$WORK/upstream.log" 20

# The body timeout is shortened so that slow bodies are cut, and come back, within the run.
GATEWAY_ARGS="--vision.auth.enabled=true --vision.auth.key-hashes=bench:$KEY_HASH \
--vision.multipart.body-timeout=30s ${HOSTILE_ARGS:-}" \
	start_gateway "$UPSTREAM_PORT" -Xmx512m -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir="$WORK/tmp"

{
	echo "command: bench/hostile.sh (HOSTILE_SECONDS=$SECONDS_TO_RUN${HOSTILE_ATTACKS:+, HOSTILE_ATTACKS=$HOSTILE_ATTACKS}${HOSTILE_ARGS:+, HOSTILE_ARGS=$HOSTILE_ARGS})"
	echo "commit: $(git -C "$REPO_ROOT" rev-parse --short HEAD)"
	machine_facts | grep -v '^wrk'
	echo "gateway: -Xmx512m -XX:+ExitOnOutOfMemoryError, auth on, body-timeout 30s, other settings default"
} | tee "$WORK/report.txt"

heap_probe "$GATEWAY_PID" reset >/dev/null
log "running the mix for ${SECONDS_TO_RUN}s"
echo "load_before: $(load_now)" | tee -a "$WORK/report.txt"
python3 "$BENCH_DIR/hostile.py" "$GATEWAY_PORT" "$KEY" "$SECONDS_TO_RUN" "$WORK/inputs" "$WORK/tmp" "$GATEWAY_PID" \
	"${HOSTILE_ATTACKS:-}" | tee -a "$WORK/report.txt"
echo "load_after: $(load_now)" | tee -a "$WORK/report.txt"

if kill -0 "$GATEWAY_PID" 2>/dev/null; then
	echo "gateway_alive=yes" | tee -a "$WORK/report.txt"
	heap_probe "$GATEWAY_PID" peak | sed 's/^/heap_/' | tee -a "$WORK/report.txt"
	# requests still finishing release their files within a few seconds
	for ((i = 0; i < 40; i++)); do
		compgen -G "$WORK/tmp/vision-*.img" >/dev/null || break
		sleep 0.5
	done
else
	echo "gateway_alive=no (exited during the run)" | tee -a "$WORK/report.txt"
fi
echo "temp_files_at_end=$(find "$WORK/tmp" -name 'vision-*.img' | wc -l)" | tee -a "$WORK/report.txt"
echo "out_of_memory_errors=$(grep -c 'OutOfMemoryError' "$WORK/gateway.log" || true)" | tee -a "$WORK/report.txt"
echo "gateway_errors_logged=$(grep -c ' ERROR ' "$WORK/gateway.log" || true)" | tee -a "$WORK/report.txt"
