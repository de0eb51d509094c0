package org.rispacs.api.patient;

import org.axonframework.serialization.Revision;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsPatient;

@Revision("1")
public record PatientRegisteredEvent(
        PatientIdentifier patient,
        Demographics demographics) implements ConcernsPatient {
}
