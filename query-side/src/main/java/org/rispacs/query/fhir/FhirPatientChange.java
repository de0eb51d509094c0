package org.rispacs.query.fhir;

/**
 * An event that changed a patient's record, one of its versions: its id (a replay counts it once) and, for an
 * aggregate's event (all but those of unit tests), where it is stored, so that a history can read it again.
 *
 * @param event       the event's id
 * @param aggregateId the aggregate it belongs to: the patient's, the merged patient's, or the order's that made the
 *                    patient known; null for an event of no aggregate
 * @param sequence    its sequence number there; null for an event of no aggregate
 */
public record FhirPatientChange(String event, String aggregateId, Long sequence) {
}
