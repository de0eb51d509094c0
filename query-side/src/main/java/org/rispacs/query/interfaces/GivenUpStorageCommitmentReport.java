package org.rispacs.query.interfaces;

import java.time.Instant;

/**
 * A storage commitment report the DICOM edge gave up sending, listed among the failed deliveries;
 * it is for no order.
 */
record GivenUpStorageCommitmentReport(String deliveryId, String orderId, String destination, String kind,
                                      String status, int attempts, Instant scheduledAt, String transactionUid,
                                      String lastError, Instant lastErrorAt, Instant finishedAt) {
}
