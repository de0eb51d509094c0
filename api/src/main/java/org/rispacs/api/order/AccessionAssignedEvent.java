package org.rispacs.api.order;

public record AccessionAssignedEvent(String orderId, String accessionNumber) {
}
