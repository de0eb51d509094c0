package org.rispacs.api.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;

/** Registers a patient (HL7 ADT A01/A04, UI); for a known patient it updates the demographics. */
public record RegisterPatientCommand(
        @TargetAggregateIdentifier PatientIdentifier patient,
        Demographics demographics) {
}
