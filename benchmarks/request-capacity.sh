#!/usr/bin/env bash
# Request capacity of our harness beside wrk, non-streamed (see request_capacity.py). Arguments go
# to request_capacity.py, e.g. --reps 5.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null; then
  echo "wrk is not installed: apt-get install wrk (Debian/Ubuntu), then run this again" >&2
  exit 1
fi
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec python3 benchmarks/request_capacity.py "$@"
