package org.rispacs.api.fhir;

import java.util.List;

/** The orders a {@link SearchFhirServiceRequestsQuery} found, and whether more than its limit matched. */
public record FhirServiceRequestMatches(List<FhirServiceRequest> serviceRequests, boolean more) {

    public FhirServiceRequestMatches {
        serviceRequests = serviceRequests == null ? List.of() : List.copyOf(serviceRequests);
    }
}
