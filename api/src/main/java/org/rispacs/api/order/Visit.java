package org.rispacs.api.order;

/**
 * The encounter an order belongs to, as the placer's PV1 names it.
 *
 * @param patientClass     PV1-2 (table 0004: I inpatient, O outpatient, E emergency, ...)
 * @param assignedLocation PV1-3, point of care^room^bed as sent
 * @param visitNumber      PV1-19, the visit (admission) id
 */
public record Visit(
        String patientClass,
        String assignedLocation,
        String visitNumber) {
}
