#!/usr/bin/env bash
# Streaming capacity at 512 and 2,048 streams, ours beside Gatling's SSE DSL (see capacity.py). Arguments go to capacity.py.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec python3 benchmarks/capacity.py "$@"
