package org.rispacs.query.fhir;

import java.time.Instant;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.order.OrderPriority;

/**
 * An order of the {@code fhir-service-requests} index. {@code accessionKey} is the accession number
 * normalised for matching; {@code version} the order aggregate's version.
 */
record FhirServiceRequestDocument(
        String resourceId,
        String patientResourceId,
        String patientId,
        String issuerOfPatientId,
        FhirOrderState state,
        String placerOrderNumber,
        String accessionNumber,
        String accessionKey,
        String procedureCode,
        String codingScheme,
        String procedureMeaning,
        String modality,
        OrderPriority priority,
        String reason,
        String orderingProvider,
        Instant authoredOn,
        Instant occurrence,
        Long version,
        Instant lastUpdated) {

    /** The order as the FHIR edge shows it; null while only events after the placement were seen. */
    FhirServiceRequest answer() {
        if (patientId == null || procedureCode == null) {
            return null;
        }
        return new FhirServiceRequest(resourceId, new PatientIdentifier(patientId, issuerOfPatientId), state,
                placerOrderNumber, accessionNumber, new ProcedureCode(procedureCode, codingScheme, procedureMeaning),
                modality, priority, reason, orderingProvider, authoredOn, occurrence,
                version == null ? 0 : version, lastUpdated);
    }
}
