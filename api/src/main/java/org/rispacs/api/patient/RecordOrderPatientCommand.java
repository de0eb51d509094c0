package org.rispacs.api.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;

/**
 * The patient as an order message names them (HL7 PID of an ORM or OMI). An unknown patient is
 * registered; a known one takes the values given, keeping what the message leaves empty. Without
 * demographics the patient must be known already. A merged-away identity is refused.
 *
 * @param demographics the name with whatever birth date and sex were sent, or null when the message
 *                     gave no name
 */
public record RecordOrderPatientCommand(
        @TargetAggregateIdentifier PatientIdentifier patient,
        Demographics demographics) {
}
