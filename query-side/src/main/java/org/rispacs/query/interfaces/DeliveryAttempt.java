package org.rispacs.query.interfaces;

/** The latest attempt of a delivery, acknowledged. */
record DeliveryAttempt(int attempts, String lastAckCode) {
}
