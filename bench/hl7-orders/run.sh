#!/bin/sh
# HL7 order intake: ORM^O01 NW orders/s and ACK latency with several concurrent MLLP senders,
# against a bare HAPI MLLP server that ACKs without work (the ceiling, same run), and the time
# from AA to the modality worklist. Needs what the integration tests need (PostgreSQL on
# 127.0.0.1:5432, database test). Usage: bench/hl7-orders/run.sh [N] [SENDERS] [E2E] [WARMUP]
#   (defaults 2000 orders, 4 senders, 100 end-to-end samples, 200 warm-up orders)
set -e
cd "$(dirname "$0")/../.."
N="${1:-2000}"
SENDERS="${2:-4}"
E2E="${3:-100}"
WARMUP="${4:-200}"
mvn -B -o verify -pl app -am -Dit.test=Hl7OrderBench -Dbench.n="$N" -Dbench.senders="$SENDERS" \
    -Dbench.e2e="$E2E" -Dbench.warmup="$WARMUP" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
cat app/target/hl7-orders.md
