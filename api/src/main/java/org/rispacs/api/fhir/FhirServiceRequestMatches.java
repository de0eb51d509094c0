package org.rispacs.api.fhir;

import java.util.List;

/** The page of orders a {@link SearchFhirServiceRequestsQuery} asked for, and how many match in all. */
public record FhirServiceRequestMatches(List<FhirServiceRequest> serviceRequests, long total) {

    public FhirServiceRequestMatches {
        serviceRequests = serviceRequests == null ? List.of() : List.copyOf(serviceRequests);
    }
}
