package org.rispacs.api.worklist;

/** Which order an MPPS instance (Performed Procedure Step SOP Instance UID) belongs to, and its status. */
public record FindPerformedStepQuery(String performedStepUid) {
}
