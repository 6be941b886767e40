#!/usr/bin/env bash
# Writes helm/vision-gateway/README.md from the '# --' comments in the chart's values.yaml (ChartReadmeTests checks
# that the committed README is current). JDK only: the generator runs as a single source file.
set -euo pipefail
cd "$(dirname "$0")/.."
java src/test/java/com/example/visiongateway/deploy/ChartReadme.java helm/vision-gateway/values.yaml \
	helm/vision-gateway/README.md
