#!/usr/bin/env bash
# Fidelity from a cold start against the simulator's truth log (see coldstart.py). Arguments go to
# coldstart.py.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec python3 benchmarks/coldstart.py "$@"
