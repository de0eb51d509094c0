package org.rispacs.fhir.server;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.rispacs.api.common.PatientIdentifier;

/**
 * The resources {@code _include}/{@code _revinclude} added to a page of matches, each once, and the
 * patients they show (recorded as accessed beside the matches' patients).
 *
 * @param resources the included resources, in the order they were asked for
 * @param patients  the patients they show, each once
 */
public record Included(List<IBaseResource> resources, List<PatientIdentifier> patients) {

    public Included {
        resources = List.copyOf(resources);
        patients = List.copyOf(patients);
    }
}
