#!/usr/bin/env bash
# Kill test (issue 10, part 5): SIGKILLs a child JVM generating a large synthetic organization at
# random points, then checks the tree is the old or the new one and that the next run succeeds.
#   bench/kill-test.sh                 50 trials, 300 accounts
#   bench/kill-test.sh 100 1000 7      trials, accounts, random seed
# Prints "kill harness: trials=N old=a new=b mixed=0"; exits non-zero on any mixed tree.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q install -DskipTests -Dinvoker.skip=true -pl generator-core -am >&2
./mvnw -B -q test-compile -pl generator-core >&2
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl generator-core dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
# The children load classes for minutes: run from a copy, so a rebuild meanwhile cannot disturb them.
classes=$(mktemp -d)
trap 'rm -f "$cp_file"; rm -rf "$classes"' EXIT
cp -r generator-core/target/test-classes "$classes/test-classes"
cp -r generator-core/target/classes "$classes/classes"
java -Xmx1g -cp "$classes/test-classes:$classes/classes:$(cat "$cp_file")" \
  io.github.backupcatalogue.bench.KillHarness "$@"
