#!/usr/bin/env sh
# The load and fault harness (docs/performance.md, "Load and fault harness"). Builds
# target/bench/delaktig-bench.jar with the Maven profile "bench" (tests skipped; the product's own
# target/classes is not touched), then runs the driver, which starts Delaktig with java -jar.
# Options are passed on, e.g.: ./bench/run.sh --scale=0.1 --savers=10,50 --duration=15
# BENCH_SKIP_BUILD=1 reuses the jar; BENCH_MAVEN_ARGS adds Maven options (e.g. -o for offline).
set -eu
cd "$(dirname "$0")/.."
if [ "${BENCH_SKIP_BUILD:-0}" != "1" ]; then
  ./mvnw -q ${BENCH_MAVEN_ARGS:-} -Pbench -DskipTests package
fi
exec java -Dloader.main=se.delaktig.bench.Bench -cp target/bench/delaktig-bench.jar \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
