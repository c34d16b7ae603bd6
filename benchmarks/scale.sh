#!/usr/bin/env bash
# Scale and memory: 10,000 concurrent streams, 50k and 200k requests (see scale.py). Arguments go to scale.py.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec python3 benchmarks/scale.py "$@"
