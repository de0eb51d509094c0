package org.rispacs.api.worklist;

/** @param status the worklist status of the order's step: STARTED, COMPLETED, DISCONTINUED, ... */
public record PerformedStepView(String orderId, String performedStepUid, String status) {
}
