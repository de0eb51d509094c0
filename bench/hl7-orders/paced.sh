#!/bin/sh
# AA → modality worklist under a sustained HL7 load: RATE ORM^O01 NW orders a second for SECONDS on
# CONNECTIONS MLLP connections (open loop: an order is due at its time whether or not the system
# kept up), and for each order the time from its AA to its scheduled entry in the modality
# worklist's index, per minute of the run so that a growing lag shows. Needs what the integration
# tests need; the application runs with a 1 GiB heap.
# Usage: bench/hl7-orders/paced.sh [RATE] [SECONDS] [CONNECTIONS]   (defaults 100 300 4)
set -e
cd "$(dirname "$0")/../.."
RATE="${1:-100}"
SECONDS_="${2:-300}"
CONNECTIONS="${3:-4}"
export RIS_TEST_POSTGRES_URL="${RIS_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
export RIS_TEST_POSTGRES_USER="${RIS_TEST_POSTGRES_USER:-postgres}"
mvn -B -o verify -pl app -am -Dit.test=Hl7OrderBench -Dbench.rate="$RATE" -Dbench.seconds="$SECONDS_" \
    -DargLine=-Xmx1g \
    -Dbench.senders="$CONNECTIONS" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dfailsafe.failIfNoSpecifiedTests=false
cat app/target/hl7-orders-paced.md
