#!/bin/sh
# Read-model latency: time from a write returning until its result is visible over REST.
# Needs what the integration tests need (PostgreSQL on 127.0.0.1:5432, database test; a JDK 21+
# for the Elasticsearch node). Usage: bench/read-model-latency/run.sh [N]   (default 100, at most 100)
set -e
cd "$(dirname "$0")/../.."
N="${1:-100}"
export RIS_TEST_POSTGRES_URL="${RIS_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
export RIS_TEST_POSTGRES_USER="${RIS_TEST_POSTGRES_USER:-postgres}"
mvn -B -o verify -pl app -am -Dit.test=ReadModelLatencyBench -Dbench.n="$N" -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
cat app/target/read-model-latency.md
