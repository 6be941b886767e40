#!/usr/bin/env bash
# Cold-start benchmark: how soon a new gateway process serves, and how fast in its first seconds, with and without
# the container image's AOT cache (Temurin 25), and on Java 17. Per variant: process start -> first 200 on a caption
# (ms), the 'Started ... in' time, req/s in each of the first 10 seconds of c=32 load, then after BENCH_WARM_SECONDS
# (default 120) of load: warm req/s at c=32 and the c=1 p50 overhead over the upstream alone, each with wrk and with
# hey (the issue's load tool; it costs more CPU on the same 2 cores). Loopback only, over
# the canned nginx upstream; every run is bounded by time; everything started here is stopped on exit.
#
#   bench/coldstart.sh       # about 5 minutes per variant, plus the build and the training run
#
# Environment: BENCH_VARIANTS (default "aot noaot java17"), BENCH_WARM_SECONDS, BENCH_SKIP_BUILD=1, BENCH_KEEP=1,
# BENCH_JFR=1 (records each variant's first minute with JFR's profile settings, from process start, and prints where
# its CPU went: the hottest methods and threads; not the aot variant, since JFR turns the AOT cache off).
# The AOT cache is made by the image's own training run (scripts/aot-train.sh) against the built-in stub.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VARIANTS="${BENCH_VARIANTS:-aot noaot java17}"
WARM_SECONDS="${BENCH_WARM_SECONDS:-120}"
JAVA17="${BENCH_JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java"
CASE=jpeg100k

need_packages
build_jar
MULTIPART="$(make_inputs load)"
start_nginx 0

log "laying the jar out as the Dockerfile does"
mkdir -p "$WORK/extract" "$WORK/app"
cp "$JAR" "$WORK/extract/app.jar"
(cd "$WORK/extract" && "$JAVA_BIN" -Djarmode=tools -jar app.jar extract --layers --destination extracted)
for layer in dependencies spring-boot-loader snapshot-dependencies application; do
	cp -r "$WORK/extract/extracted/$layer/." "$WORK/app/"
done

if [[ " $VARIANTS " == *" aot "* ]]; then
	log "training run for the AOT cache (scripts/aot-train.sh against the built-in stub)"
	(cd "$REPO_ROOT" && { ./mvnw -q -o test-compile || ./mvnw -q test-compile; } \
		&& { ./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" \
			|| ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt"; })
	JAVA="$JAVA_BIN" TMPDIR="$WORK" "$REPO_ROOT/scripts/aot-train.sh" "$WORK/app" \
		"$REPO_ROOT/target/test-classes:$(cat "$WORK/cp.txt")" >"$WORK/training.log" 2>&1 \
		|| { cat "$WORK/training.log" >&2; die "the training run failed"; }
	log "$(grep -h 'AOTCache creation is complete' "$WORK/training.log")"
fi

# wrk_json CONNECTIONS SECONDS URL BODY: the RESULT line of post.lua as JSON
wrk_json() {
	wrk -t1 -c"$1" -d"$2s" --timeout 30s -s "$BENCH_DIR/post.lua" "$3" -- "$4" "$MULTIPART" 0 | sed -n 's/^RESULT //p'
}

# hey_figures CONNECTIONS SECONDS URL BODY CONTENT_TYPE: "req/s p50_us non2xx" from hey's per-request CSV (its summary
# rounds latencies to 0.1 ms)
hey_figures() {
	hey -z "$2s" -c "$1" -t 30 -m POST -T "$5" -D "$4" -o csv "$3" | python3 -c '
import statistics, sys
rows = [line.split(",") for line in sys.stdin if line[:1].isdigit()]
times = [float(row[0]) for row in rows]
bad = sum(1 for row in rows if row[6] != "200")
end = max(float(row[0]) + float(row[7]) for row in rows)
print(f"{len(rows) / end:.0f} {statistics.median(times) * 1e6:.0f} {bad}")'
}

json_field() {
	sed "s/.*\"$1\":\([0-9.]*\).*/\1/" <<<"$2"
}

direct_url="http://127.0.0.1:$UPSTREAM_PORT/v1beta/models/gemini-3.8-flash:generateContent"
wrk -t1 -c8 -d2s -s "$BENCH_DIR/post.lua" "$direct_url" -- "$WORK/inputs/$CASE.json" application/json 0 >/dev/null
direct="$(wrk -t1 -c1 -d10s -s "$BENCH_DIR/post.lua" "$direct_url" -- "$WORK/inputs/$CASE.json" application/json 0 \
	| sed -n 's/^RESULT //p')"
direct_p50="$(json_field p50_us "$direct")"
log "upstream alone, c=1: p50 ${direct_p50} us (wrk)"
read -r _ hey_direct_p50 _ < <(hey_figures 1 10 "$direct_url" "$WORK/inputs/$CASE.json" application/json)
log "upstream alone, c=1: p50 ${hey_direct_p50} us (hey)"

RESULTS="$WORK/results.txt"
for variant in $VARIANTS; do
	java_bin="$JAVA_BIN"
	flags=()
	case "$variant" in
	aot) flags=(-XX:AOTCache=app.aot) ;;
	noaot) ;;
	java17) java_bin="$JAVA17" ;;
	*) die "unknown variant $variant" ;;
	esac
	if [[ -n "${BENCH_JFR:-}" && $variant == aot ]]; then
		# JDK 25 refuses an AOT cache when the runtime adds a module the training run did not (JFR adds jdk.jfr)
		log "aot: not recorded with JFR, which would turn the AOT cache off"
	elif [[ -n "${BENCH_JFR:-}" ]]; then
		flags+=("-XX:StartFlightRecording=settings=profile,duration=60s,filename=$WORK/first-minute-$variant.jfr")
	fi
	port="$(free_port)"
	url="http://127.0.0.1:$port/v1/vision/caption"
	start_ns="$(date +%s%N)"
	(cd "$WORK/app" && SPRING_THREADS_VIRTUAL_ENABLED="$([[ $variant == java17 ]] && echo false || echo true)" \
		exec "$java_bin" "${flags[@]}" -jar app.jar --server.address=127.0.0.1 --server.port="$port" \
		--vision.gemini.base-url="http://127.0.0.1:$UPSTREAM_PORT" --vision.gemini.api-key=bench \
		>"$WORK/gateway-$variant.log" 2>&1) &
	GATEWAY_PID=$!
	BENCH_PIDS+=("$GATEWAY_PID")
	first_ms=""
	for ((i = 0; i < 6000; i++)); do
		if [[ "$(curl -s -o /dev/null -w '%{http_code}' -F "images=@$WORK/inputs/$CASE.img;type=image/jpeg" "$url")" == 200 ]]; then
			first_ms=$((($(date +%s%N) - start_ns) / 1000000))
			break
		fi
		kill -0 "$GATEWAY_PID" 2>/dev/null || { cat "$WORK/gateway-$variant.log" >&2; die "$variant exited"; }
		sleep 0.01
	done
	[[ -n "$first_ms" ]] || die "$variant: no 200 within 60 s"
	if grep -q '\[error\]\[aot\]' "$WORK/gateway-$variant.log"; then
		die "$variant: the JVM refused the AOT cache: $(grep -m1 '\[error\]\[aot\]' "$WORK/gateway-$variant.log")"
	fi
	started="$(sed -n 's/.*Started VisionGatewayApplication in \([0-9.]*\) seconds.*/\1/p' "$WORK/gateway-$variant.log")"
	per_second=()
	for ((s = 1; s <= 10; s++)); do
		per_second+=("$(printf '%.0f' "$(json_field rps "$(wrk_json 32 1 "$url" "$WORK/inputs/$CASE.multipart")")")")
	done
	log "$variant: first 200 after ${first_ms} ms (Started in ${started} s); c=32 req/s, seconds 1-10: ${per_second[*]}"
	wrk -t1 -c32 -d"$((WARM_SECONDS - 20))s" -s "$BENCH_DIR/post.lua" "$url" -- "$WORK/inputs/$CASE.multipart" \
		"$MULTIPART" 0 >/dev/null
	warm="$(wrk_json 32 10 "$url" "$WORK/inputs/$CASE.multipart")"
	c1="$(wrk_json 1 10 "$url" "$WORK/inputs/$CASE.multipart")"
	read -r hey_rps _ hey_bad < <(hey_figures 32 10 "$url" "$WORK/inputs/$CASE.multipart" "$MULTIPART")
	read -r _ hey_c1_p50 hey_c1_bad < <(hey_figures 1 10 "$url" "$WORK/inputs/$CASE.multipart" "$MULTIPART")
	((hey_bad + hey_c1_bad == 0)) || die "$variant: hey got $((hey_bad + hey_c1_bad)) answers other than 200"
	hey_overhead_ms="$(python3 -c "print(f'{($hey_c1_p50 - $hey_direct_p50) / 1000:.2f}')")"
	warm_rps="$(printf '%.0f' "$(json_field rps "$warm")")"
	overhead_ms="$(python3 -c "print(f'{($(json_field p50_us "$c1") - $direct_p50) / 1000:.2f}')")"
	first5="$(python3 -c "print(round(100 * sum([$(IFS=,; echo "${per_second[*]}")][:5]) / 5 / max($warm_rps, 1)))")"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$first_ms" "$started" "${per_second[*]}" "$first5" \
		"$warm_rps" "$overhead_ms" "$hey_rps" "$hey_overhead_ms" >>"$RESULTS"
	log "$variant: warm c=32 ${warm_rps} req/s (wrk), ${hey_rps} req/s (hey); c=1 p50 overhead ${overhead_ms} ms (wrk), ${hey_overhead_ms} ms (hey)"
	stop_gateway
	if [[ -f "$WORK/first-minute-$variant.jfr" ]]; then
		echo "== $variant: the first minute's CPU samples" >"$WORK/jfr-$variant.txt"
		python3 "$BENCH_DIR/jfr_top.py" "$WORK/first-minute-$variant.jfr" 20 >>"$WORK/jfr-$variant.txt"
	fi
done

echo
machine_facts
echo
echo "| variant | start -> first 200 | Started in | c=32 req/s, seconds 1-10 (wrk) | first 5 s vs warm | warm c=32 wrk / hey | c=1 p50 overhead wrk / hey |"
echo "|---|---|---|---|---|---|---|"
while IFS=$'\t' read -r variant first started seconds first5 warm overhead hey_warm hey_overhead; do
	echo "| $variant | ${first} ms | ${started} s | ${seconds// /, } | ${first5} % | ${warm} / ${hey_warm} req/s | +${overhead} / +${hey_overhead} ms |"
done <"$RESULTS"
for summary in "$WORK"/jfr-*.txt; do
	if [[ -f "$summary" ]]; then
		echo
		cat "$summary"
	fi
done
