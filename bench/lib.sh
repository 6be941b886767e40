# Shared by the bench/*.sh scripts (sourced, not run). Everything binds to 127.0.0.1, lives in one temp dir and
# is stopped by the EXIT trap, which also removes the temp dir.

set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
JAR="$REPO_ROOT/target/vision-gateway-0.1.0-SNAPSHOT.jar"
# The gateway runs on the JRE of the container image (Temurin 25, see the Dockerfile) when this machine has one:
# that is the runtime whose figures count (its base64 encoder is vectorized, Java 17's is not). BENCH_JAVA_HOME
# picks another JDK; without either, the java on the PATH.
runtime_home() {
	local candidate
	if [[ -n "${BENCH_JAVA_HOME:-}" ]]; then
		echo "$BENCH_JAVA_HOME"
		return
	fi
	for candidate in /usr/lib/jvm/temurin-25-*; do
		[[ -x "$candidate/bin/java" ]] && { echo "$candidate"; return; }
	done
	echo "${JAVA_HOME:-}"
}
RUNTIME_HOME="$(runtime_home)"
JAVA_BIN="${RUNTIME_HOME:+$RUNTIME_HOME/bin/}java"
# Tools that attach to the gateway or read its recordings come from the same JDK.
JCMD_BIN="${RUNTIME_HOME:+$RUNTIME_HOME/bin/}jcmd"
export JFR_BIN="${RUNTIME_HOME:+$RUNTIME_HOME/bin/}jfr"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/vg-bench.XXXXXX")"
chmod 755 "$WORK"
BENCH_PIDS=()

bench_cleanup() {
	local pid="" i
	for pid in "${BENCH_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	# A JVM that ran out of memory may never finish its graceful shutdown: give up waiting after 20 s.
	for ((i = 0; i < 80; i++)); do
		for pid in "${BENCH_PIDS[@]}"; do
			kill -0 "$pid" 2>/dev/null && break
			pid=""
		done
		[[ -z "$pid" ]] && break
		sleep 0.25
	done
	for pid in "${BENCH_PIDS[@]}"; do
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	if [[ -n "${BENCH_KEEP:-}" ]]; then
		echo "bench: kept $WORK" >&2
	else
		rm -rf "$WORK"
	fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

log() {
	echo "== $*" >&2
}

die() {
	echo "bench: $*" >&2
	exit 1
}

# Installs the Debian packages a benchmark needs when their commands are missing (root only; says what to do otherwise).
need_packages() {
	local missing=()
	command -v wrk >/dev/null || missing+=(wrk)
	command -v hey >/dev/null || missing+=(hey)
	command -v nginx >/dev/null || missing+=(nginx)
	[[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ]] || missing+=(libnginx-mod-http-echo)
	command -v python3 >/dev/null || missing+=(python3)
	if ((${#missing[@]} == 0)); then
		return
	fi
	if [[ $EUID -ne 0 ]]; then
		die "missing ${missing[*]}: run 'sudo apt-get install -y ${missing[*]}'"
	fi
	log "installing ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits until an HTTP server answers on the URL (any status), or fails naming the log to read.
wait_http() {
	local url="$1" pid="$2" logfile="$3" seconds="${4:-120}"
	local i
	for ((i = 0; i < seconds * 4; i++)); do
		if curl -s -o /dev/null --max-time 2 "$url"; then
			return
		fi
		kill -0 "$pid" 2>/dev/null || { cat "$logfile" >&2; die "the process behind $url exited"; }
		sleep 0.25
	done
	cat "$logfile" >&2
	die "$url did not answer within ${seconds}s"
}

# Builds the executable jar unless BENCH_SKIP_BUILD is set and the jar exists.
build_jar() {
	if [[ -n "${BENCH_SKIP_BUILD:-}" && -f "$JAR" ]]; then
		return
	fi
	log "building the jar"
	# Offline first (fast once the local repository is warm), then online; the jar needs no test classes, so a
	# test source that does not compile falls back to skipping test compilation.
	(cd "$REPO_ROOT" && { ./mvnw -o -q -DskipTests package || ./mvnw -q -DskipTests package \
		|| ./mvnw -q -Dmaven.test.skip=true package; })
}

# Writes the test images and request bodies into $WORK/inputs (see make_inputs.py).
make_inputs() {
	mkdir -p "$WORK/inputs"
	python3 "$BENCH_DIR/make_inputs.py" "$REPO_ROOT/src/test/resources/images" "$WORK/inputs" "$@"
}

# Starts nginx as the canned Gemini upstream on UPSTREAM_PORT and as a reverse proxy to it on PROXY_PORT.
# Argument: seconds every generateContent answer is delayed (0 for none).
start_nginx() {
	local delay="${1:-0}"
	UPSTREAM_PORT="$(free_port)"
	PROXY_PORT="$(free_port)"
	mkdir -p "$WORK/nginx/logs"
	python3 "$BENCH_DIR/nginx_conf.py" "$WORK/nginx" "$UPSTREAM_PORT" "$PROXY_PORT" "$delay" >"$WORK/nginx/nginx.conf"
	nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/logs/error.log" \
		>"$WORK/nginx/logs/stdout.log" 2>&1 &
	BENCH_PIDS+=("$!")
	NGINX_PID=$!
	wait_http "http://127.0.0.1:$UPSTREAM_PORT/" "$NGINX_PID" "$WORK/nginx/logs/error.log" 20
	wait_http "http://127.0.0.1:$PROXY_PORT/" "$NGINX_PID" "$WORK/nginx/logs/error.log" 20
	log "nginx upstream on 127.0.0.1:$UPSTREAM_PORT, reverse proxy on 127.0.0.1:$PROXY_PORT (delay ${delay}s)"
}

# Starts the gateway jar against the given upstream port; extra arguments go to the JVM before -jar
# (GATEWAY_ARGS adds Spring arguments). Sets GATEWAY_PORT and GATEWAY_PID.
start_gateway() {
	local upstream="$1"
	shift
	GATEWAY_PORT="$(free_port)"
	# As in the container image (Dockerfile), Tomcat runs requests on virtual threads; BENCH_VIRTUAL_THREADS=false
	# measures the platform-thread pool instead.
	# shellcheck disable=SC2086
	SPRING_THREADS_VIRTUAL_ENABLED="${BENCH_VIRTUAL_THREADS:-true}" \
		"$JAVA_BIN" "$@" -jar "$JAR" --server.address=127.0.0.1 --server.port="$GATEWAY_PORT" \
		--vision.gemini.base-url="http://127.0.0.1:$upstream" --vision.gemini.api-key=bench \
		--management.tracing.sampling.probability=0 ${GATEWAY_ARGS:-} >"$WORK/gateway.log" 2>&1 &
	GATEWAY_PID=$!
	BENCH_PIDS+=("$GATEWAY_PID")
	wait_http "http://127.0.0.1:$GATEWAY_PORT/actuator/health/liveness" "$GATEWAY_PID" "$WORK/gateway.log" 180
	log "gateway (pid $GATEWAY_PID) on 127.0.0.1:$GATEWAY_PORT: $*"
}

stop_gateway() {
	local i
	if [[ -n "${GATEWAY_PID:-}" ]]; then
		kill "$GATEWAY_PID" 2>/dev/null || true
		for ((i = 0; i < 80; i++)); do
			kill -0 "$GATEWAY_PID" 2>/dev/null || break
			sleep 0.25
		done
		kill -9 "$GATEWAY_PID" 2>/dev/null || true
		wait "$GATEWAY_PID" 2>/dev/null || true
		GATEWAY_PID=""
	fi
}

# The machine, for the results: cores, memory, CPU, JDK, load.
machine_facts() {
	echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
	echo "nproc: $(nproc)"
	echo "cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
	echo "memory: $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
	echo "jdk: $("$JAVA_BIN" -version 2>&1 | head -1)"
	echo "gateway request threads: $([[ "${BENCH_VIRTUAL_THREADS:-true}" == true ]] && echo virtual || echo platform)"
	echo "wrk: $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), nginx: $(nginx -v 2>&1 | cut -d/ -f2)"
	echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# The 1-minute load average and, where the kernel has it, the share of the last 10 s in which some task waited for a
# CPU (PSI): both say how much other work shared the machine during a run.
load_now() {
	local psi=""
	if [[ -r /proc/pressure/cpu ]]; then
		psi="/psi$(sed -n 's/^some avg10=\([0-9.]*\).*/\1/p' /proc/pressure/cpu | cut -d. -f1)%"
	fi
	echo "$(cut -d' ' -f1 /proc/loadavg)$psi"
}

# heap_probe PID reset|peak: see HeapProbe.java (compiled once per run into the temp dir).
heap_probe() {
	if [[ ! -f "$WORK/probe/HeapProbe.class" ]]; then
		"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$WORK/probe" "$BENCH_DIR/HeapProbe.java"
	fi
	"$JAVA_BIN" -cp "$WORK/probe" HeapProbe "$@"
}

# CPU time in milliseconds (user + system, all threads) used so far by the given processes.
proc_cpu_ms() {
	local ticks=0 pid
	for pid in "$@"; do
		if [[ -r "/proc/$pid/stat" ]]; then
			# Fields after the ')' that closes the command name: utime and stime are the 12th and 13th there.
			ticks=$((ticks + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
		fi
	done
	echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# The nginx master and its workers.
nginx_pids() {
	echo "$NGINX_PID" $(pgrep -P "$NGINX_PID")
}
