#!/bin/sh
# Read-model rebuild rate: events per second replayed into each read model, against the rate of
# reading the same event stream without projecting it (same run). Needs what the integration
# tests need (PostgreSQL on 127.0.0.1:5432, database test; a JDK 21+ for the Elasticsearch node).
# Usage: bench/read-model-replay/run.sh [N orders] [COPIES] [READ MODELS]
#   N orders taken through the workflow (default 1000); COPIES: their events copied that many
#   times under new identifiers for a large store (default 0; 1000 orders give ~9,300 events,
#   so 107 copies make 1,000,000); READ MODELS: a comma-separated selection rebuilt one by one
#   (default all), and then all of them at once unless a selection is given.
set -e
cd "$(dirname "$0")/../.."
N="${1:-1000}"
COPIES="${2:-0}"
MODELS="${3:-}"
SKIP_ALL=false
[ -n "$MODELS" ] && SKIP_ALL=true
export RIS_TEST_POSTGRES_URL="${RIS_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
export RIS_TEST_POSTGRES_USER="${RIS_TEST_POSTGRES_USER:-postgres}"
mvn -B -o verify -pl app -am -Dit.test=ReadModelReplayBench -Dbench.n="$N" -Dbench.copies="$COPIES" \
    -Dbench.models="$MODELS" -Dbench.skip-all="$SKIP_ALL" -Dtest=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
cat app/target/read-model-replay.md
