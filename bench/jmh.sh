#!/usr/bin/env bash
# JMH micro-benchmarks, short and bounded (one fork, a few one- or two-second iterations each; about 5 minutes):
#   ImageInspectorBenchmark        type and dimension sniffing per format, SHA-256 of a 1.5 MB JPEG (us/op)
#   GenerateContentBodyBenchmark   the streamed base64 body of a 15 MB inline image (ops/s = MB/s of image bytes)
#   TransferPlannerBenchmark       planning a 3,600-image ask (us/op)
#   MaskPostProcessingBenchmark    ten 64 x 64 masks into COCO RLE over a 4000 x 3000 image (ms/op)
#   MultipartReaderBenchmark       a 15 MB image part through the multipart reader, on the heap or on disk, digested
#                                  on a spool thread or inline (ops/s = MB/s of image bytes)
#   MultipartParsersBenchmark      our reader vs Tomcat's FileUpload and Jetty 12's parser (ms/op; docs/decisions.md)
#   HeaderParsersBenchmark         our header parsers vs metadata-extractor, fixtures and hostile headers (us/op)
#
#   bench/jmh.sh                       # the first five (name the others)
#   bench/jmh.sh TransferPlanner       # a regular expression over benchmark names; more JMH options may follow
#
# Builds the test classes and the test classpath with Maven (offline first), then runs org.openjdk.jmh.Main.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FILTER="${1:-ImageInspectorBenchmark|GenerateContentBodyBenchmark|TransferPlannerBenchmark|MaskPostProcessingBenchmark|MultipartReaderBenchmark}"
shift || true

log "building the test classes and classpath"
cd "$REPO_ROOT"
./mvnw -q -o test-compile || ./mvnw -q test-compile
./mvnw -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" \
	|| ./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
classpath="$REPO_ROOT/target/test-classes:$REPO_ROOT/target/classes:$(cat "$WORK/classpath.txt")"

machine_facts
"$JAVA_BIN" -cp "$classpath" org.openjdk.jmh.Main "$FILTER" -rf text -rff "$WORK/jmh.txt" "$@"
echo
cat "$WORK/jmh.txt"
