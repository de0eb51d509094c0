package org.rispacs.query.interfaces;

import java.time.Instant;

/** A delivery acknowledged by its destination: the acknowledgement code, empty when there was none. */
record CompletedDelivery(String status, String lastAckCode, Instant finishedAt) {
}
