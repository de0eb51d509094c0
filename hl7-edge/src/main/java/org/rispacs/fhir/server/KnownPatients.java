package org.rispacs.fhir.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FindFhirPatientQuery;

/**
 * Whether our FHIR Patient of an identity can be read (a resource references it only then), each identity asked
 * once for as long as the predicate is kept: one answer's worth.
 */
public final class KnownPatients {

    private KnownPatients() {
    }

    public static Predicate<PatientIdentifier> of(QueryGateway queries) {
        Map<PatientIdentifier, Boolean> known = new ConcurrentHashMap<>();
        return identity -> known.computeIfAbsent(identity, any -> queries.query(
                new FindFhirPatientQuery(FhirPatientIds.of(identity)),
                ResponseTypes.optionalInstanceOf(FhirPatient.class)).join().isPresent());
    }
}
