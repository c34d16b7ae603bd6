#!/usr/bin/env bash
# Measures RunRecorder.record(): ns per finished request, streamed (256 tokens) and not (JMH, test
# scope). Extra arguments go to JMH, e.g. -f 3.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main 'onlinebench.metrics.RunRecorderBenchmark' "$@"
