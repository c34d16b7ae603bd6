#!/usr/bin/env bash
# Harness fidelity against the simulator's truth log (see fidelity.py). Arguments go to fidelity.py.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec python3 benchmarks/fidelity.py "$@"
