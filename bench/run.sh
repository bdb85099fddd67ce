#!/usr/bin/env bash
# Generation benchmark: the whole pipeline in memory on synthetic organizations.
#   bench/run.sh              10, 100 and 1000 accounts
#   bench/run.sh 5000         other sizes
#   bench/run.sh table [N] [M]  issue 10's table for N accounts (default 1000); largest organization
#                             within -Xmx256m searched up to M accounts (default 10000; 0 skips)
# Prints one line per size: files generated, best of 3 wall time, peak heap (sum of heap pools), and
# from apply-order.json the modules, the apply levels (critical path) and the widest level; the table
# adds the levels and the widest level as rows (numbers and ratios, not timings).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -Dinvoker.skip=true -pl generator-core -am >&2
./mvnw -B -q test-compile -pl generator-core >&2
cp=$(./mvnw -B -q -pl generator-core dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
exec java -Xmx2g -cp "generator-core/target/test-classes:generator-core/target/classes:$cp" \
  io.github.backupcatalogue.bench.GenerationBenchmark "$@"
