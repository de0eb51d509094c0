package org.rispacs.api.fhir;

import java.util.List;
import java.util.Optional;

/** The versions of an order's ServiceRequest, oldest first; none when there is no such order. */
public record FhirServiceRequestVersions(List<FhirServiceRequest> versions) {

    public FhirServiceRequestVersions {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** The version numbered {@code version}, if the order had it. */
    public Optional<FhirServiceRequest> version(long version) {
        return versions.stream().filter(one -> one.version() == version).findFirst();
    }
}
