package org.rispacs.api.fhir;

import java.time.Instant;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.OrderPriority;

/**
 * An order as the FHIR edge shows it, as a {@code ServiceRequest}.
 *
 * @param resourceId        the order id
 * @param patient           the order's patient (after a merge, the survivor)
 * @param state             where the order stands
 * @param placerOrderNumber the placer's order number, or null
 * @param accessionNumber   the accession number, null until assigned
 * @param procedure         the requested procedure
 * @param modality          the DICOM modality
 * @param priority          the priority
 * @param reason            the reason for the request as text, or null
 * @param orderingProvider  the ordering provider's name (DICOM PN form), or null
 * @param authoredOn        when the order was placed
 * @param occurrence        the scheduled start, null while unscheduled
 * @param version           the order aggregate's version (its last event's sequence number + 1)
 * @param lastUpdated       when the last of its events happened
 */
public record FhirServiceRequest(
        String resourceId,
        PatientIdentifier patient,
        FhirOrderState state,
        String placerOrderNumber,
        String accessionNumber,
        ProcedureCode procedure,
        String modality,
        OrderPriority priority,
        String reason,
        String orderingProvider,
        Instant authoredOn,
        Instant occurrence,
        long version,
        Instant lastUpdated) {
}
