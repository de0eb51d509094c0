#!/bin/sh
# Read-model rebuild rate: events per second replayed into each read model, against the rate of
# reading the same event stream without projecting it (same run). Needs what the integration
# tests need (PostgreSQL on 127.0.0.1:5432, database test; a JDK 21+ for the Elasticsearch node).
# Usage: bench/read-model-replay/run.sh [N orders]   (default 1000)
set -e
cd "$(dirname "$0")/../.."
N="${1:-1000}"
export RIS_TEST_POSTGRES_URL="${RIS_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
export RIS_TEST_POSTGRES_USER="${RIS_TEST_POSTGRES_USER:-postgres}"
mvn -B -o verify -pl app -am -Dit.test=ReadModelReplayBench -Dbench.n="$N" -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
cat app/target/read-model-replay.md
