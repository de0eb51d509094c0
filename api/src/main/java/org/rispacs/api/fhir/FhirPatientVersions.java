package org.rispacs.api.fhir;

import java.util.List;
import java.util.Optional;

/** The versions of a Patient, oldest first; none when there is no such patient. */
public record FhirPatientVersions(List<FhirPatient> versions) {

    public FhirPatientVersions {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    /** The version numbered {@code version}, if the patient had it. */
    public Optional<FhirPatient> version(long version) {
        return versions.stream().filter(one -> one.version() == version).findFirst();
    }
}
