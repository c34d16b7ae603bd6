#!/usr/bin/env bash
# Measures prompt generation: microseconds per measured 1024-token prompt (lengths drawn,
# calibration applied, text built), beside one jtokkit count of a 1024-token prompt (JMH, test
# scope). Extra arguments go to JMH, e.g. -f 3.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.openjdk.jmh.Main 'onlinebench.prompt.PromptGenerationBenchmark' "$@"
