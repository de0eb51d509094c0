package org.rispacs.query.interfaces;

import java.time.Instant;

/** An order whose procedure a stable study completed (index {@code stable-study-completions}). */
record StableStudyCompletion(String orderId, Instant completedAt) {
}
