package org.rispacs.api.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.rispacs.api.common.PatientIdentifier;

/** Merges {@code merged} into {@code survivor} (HL7 ADT A40 with MRG): the merged identity goes away. */
public record MergePatientsCommand(
        @TargetAggregateIdentifier PatientIdentifier merged,
        PatientIdentifier survivor) {
}
