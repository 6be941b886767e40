#!/usr/bin/env bash
# Runs Google's official JS SDK (@google/genai, via ../shared/tools/sdk-check) against the project's
# Gemini stub, then against the gateway's Gemini-native pass-through (<gateway>/gemini, authentication on,
# the gateway in front of the same stub), each for API versions v1beta and v1. Exits non-zero when any
# step fails for either target or version.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sdk_check="${SDK_CHECK_DIR:-$repo_root/../shared/tools/sdk-check}"
image="$repo_root/src/test/resources/images/chelsea.png"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [[ ! -f "$sdk_check/check.mjs" || ! -f "$sdk_check/package.json" ]]; then
	echo "sdk-check: no SDK check tool at $sdk_check (expected check.mjs and package.json; set SDK_CHECK_DIR)" >&2
	exit 2
fi
for tool in node npm curl "$java_bin"; do
	command -v "$tool" >/dev/null || { echo "sdk-check: '$tool' is not on the PATH" >&2; exit 2; }
done

work="$(mktemp -d)"
stub_pid=""
gateway_pid=""
cleanup() {
	for pid in "$gateway_pid" "$stub_pid"; do
		if [[ -n "$pid" ]]; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	rm -rf "$work"
}
trap cleanup EXIT

echo "== installing the SDK in $work"
cp -r "$sdk_check/." "$work/"
(cd "$work" && npm install --no-audit --no-fund --loglevel=error)

echo "== building the test classpath"
cd "$repo_root"
# Offline first (fast, works without a network once the repository is warm), then online as CI would.
./mvnw -q -o test-compile || ./mvnw -q test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt" \
	|| ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath.txt"
classpath="$repo_root/target/test-classes:$repo_root/target/classes:$(cat "$work/classpath.txt")"

echo "== starting the Gemini stub"
"$java_bin" -cp "$classpath" com.example.visiongateway.stub.GeminiStubMain 0 >"$work/stub.log" 2>&1 &
stub_pid=$!
base_url=""
for _ in $(seq 1 120); do
	base_url="$(sed -n 's/^Gemini stub listening on \(http:\/\/127\.0\.0\.1:[0-9]*\)$/\1/p' "$work/stub.log")"
	if [[ -n "$base_url" ]] && curl -s -o /dev/null "$base_url/v1beta/files"; then
		break
	fi
	if ! kill -0 "$stub_pid" 2>/dev/null; then
		echo "sdk-check: the stub exited before it answered:" >&2
		cat "$work/stub.log" >&2
		exit 1
	fi
	base_url=""
	sleep 0.5
done
if [[ -z "$base_url" ]]; then
	echo "sdk-check: the stub did not answer within 60 s:" >&2
	cat "$work/stub.log" >&2
	exit 1
fi
echo "stub at $base_url"

echo "== starting the gateway in front of the stub"
# A caller key of its own, checked like any gateway key; the gateway calls the stub with its own.
# check.mjs names gemini-2.5-flash, which the shipped allow-list no longer has: allowed here for the check.
caller_key="sdk-check-caller-key"
gateway_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$java_bin" -cp "$classpath" com.example.visiongateway.VisionGatewayApplication \
	--server.port="$gateway_port" --server.address=127.0.0.1 \
	--vision.gemini.base-url="$base_url" --vision.gemini.api-key=sdk-check-gemini-key \
	--vision.auth.enabled=true \
	--'vision.gemini.models.[gemini-2.5-flash].max-images=3600' \
	--vision.auth.key-hashes="sdk-check:$(printf %s "$caller_key" | sha256sum | cut -d' ' -f1)" \
	>"$work/gateway.log" 2>&1 &
gateway_pid=$!
gateway_url="http://127.0.0.1:$gateway_port"
for _ in $(seq 1 240); do
	if curl -s -o /dev/null "$gateway_url/actuator/health"; then
		break
	fi
	if ! kill -0 "$gateway_pid" 2>/dev/null; then
		echo "sdk-check: the gateway exited before it answered:" >&2
		cat "$work/gateway.log" >&2
		exit 1
	fi
	sleep 0.5
done
if ! curl -s -o /dev/null "$gateway_url/actuator/health"; then
	echo "sdk-check: the gateway did not answer within 120 s:" >&2
	cat "$work/gateway.log" >&2
	exit 1
fi
echo "gateway at $gateway_url"

failed=0
for version in v1beta v1; do
	echo "== @google/genai against the stub, API version $version"
	if ! (cd "$work" && node check.mjs "$base_url" "$image" test-key "$version"); then
		echo "sdk-check: FAILED against the stub for $version" >&2
		failed=1
	fi
	echo "== @google/genai against the gateway's pass-through ($gateway_url/gemini), API version $version"
	if ! (cd "$work" && node check.mjs "$gateway_url/gemini" "$image" "$caller_key" "$version"); then
		echo "sdk-check: FAILED against the gateway for $version" >&2
		failed=1
	fi
done
if grep -q -e "$caller_key" -e sdk-check-gemini-key "$work/gateway.log"; then
	echo "sdk-check: a key shows in the gateway's log" >&2
	failed=1
fi
exit "$failed"
