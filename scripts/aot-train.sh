#!/usr/bin/env bash
# The training run for the container image's AOT cache (JDK 25, JEP 483/514/515): starts the gateway from APP_DIR
# (the extracted jar: app.jar plus lib/) with -XX:AOTCacheOutput, points it at the built-in Gemini stub, sends it
# TrainingTraffic's requests (8 at a time) and stops it as the kubelet would (SIGTERM). On its way out the JVM writes
# APP_DIR/app.aot: the classes it loaded and linked and the method profiles it gathered, so a pod started from the
# image skips that work. Used by the Dockerfile and by AotCacheIT.
#
# Usage: aot-train.sh APP_DIR TRAINING_CLASSPATH
#   TRAINING_CLASSPATH: WireMock standalone plus the project's stub and TrainingTraffic classes
#   (the Dockerfile: the -Pgemini-stub jar and wiremock-standalone; the IT: its own test classpath).
# JAVA (default: java on the PATH) must be the JVM that will use the cache. AOT_TRAINING_ROUNDS (default 300).
set -euo pipefail

app_dir="$1"
training_classpath="$2"
java_bin="${JAVA:-java}"
work="$(mktemp -d "${TMPDIR:-/tmp}/aot-train.XXXXXX")"
pids=()
cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$work"
}
trap cleanup EXIT

# Waits for a line matching the sed expression in a log; prints what it captured.
await_line() {
	local logfile="$1" expression="$2" pid="$3" found="" i
	for ((i = 0; i < 1200; i++)); do
		found="$(sed -n "$expression" "$logfile" | head -n 1)"
		if [[ -n "$found" ]]; then
			echo "$found"
			return
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			cat "$logfile" >&2
			echo "aot-train: the process exited early" >&2
			exit 1
		fi
		sleep 0.1
	done
	cat "$logfile" >&2
	echo "aot-train: no '$expression' in $logfile within 120 s" >&2
	exit 1
}

"$java_bin" -cp "$training_classpath" com.example.visiongateway.stub.GeminiStubMain 0 >"$work/stub.log" 2>&1 &
pids+=("$!")
stub_url="$(await_line "$work/stub.log" 's/^Gemini stub listening on \(http:.*\)$/\1/p' "${pids[0]}")"

rm -f "$app_dir/app.aot"
# Virtual threads as the image runs them (its ENV sets them after this step): the cache then holds what a pod loads.
(cd "$app_dir" && GEMINI_API_KEY=aot-training GEMINI_BASE_URL="$stub_url" SERVER_ADDRESS=127.0.0.1 SERVER_PORT=0 \
	SPRING_THREADS_VIRTUAL_ENABLED=true \
	exec "$java_bin" -XX:AOTCacheOutput=app.aot -Djava.io.tmpdir="$work" -jar app.jar) >"$work/app.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")
port="$(await_line "$work/app.log" 's/.*Tomcat started on port \([0-9]*\).*/\1/p' "$app_pid")"

"$java_bin" -cp "$training_classpath" com.example.visiongateway.aot.TrainingTraffic "http://127.0.0.1:$port" \
	"${AOT_TRAINING_ROUNDS:-300}"

kill -TERM "$app_pid"
wait "$app_pid" || true
grep -h "AOTCache creation is complete" "$work/app.log" || { cat "$work/app.log" >&2; exit 1; }
[[ -s "$app_dir/app.aot" ]]
