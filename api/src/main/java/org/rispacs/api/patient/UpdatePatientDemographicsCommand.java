package org.rispacs.api.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;

public record UpdatePatientDemographicsCommand(
        @TargetAggregateIdentifier PatientIdentifier patient,
        Demographics demographics) {
}
