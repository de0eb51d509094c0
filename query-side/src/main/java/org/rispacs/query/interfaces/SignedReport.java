package org.rispacs.query.interfaces;

import java.time.Instant;

/** A finally signed report (index {@code signed-reports}), marked {@code deliveryScheduled} once sent anywhere. */
record SignedReport(String reportId, String orderId, Instant signedAt) {
}
