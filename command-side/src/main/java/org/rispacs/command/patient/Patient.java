package org.rispacs.command.patient;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.rispacs.command.common.Refusals.require;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.patient.MergePatientsCommand;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.api.patient.RecordOrderPatientCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.patient.UpdatePatientDemographicsCommand;

/**
 * A patient identity (id + issuer). Registration and demographic updates are idempotent; a merged
 * identity refuses every later command and names the survivor.
 */
@Aggregate
class Patient {

    @AggregateIdentifier
    private String patientKey;
    private Demographics demographics;
    private PatientIdentifier mergedInto;

    Patient() {
        // rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterPatientCommand command) {
        record(command.patient(), command.demographics());
    }

    /** An update for a patient we never heard of registers it: HL7 A08 often precedes A04. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(UpdatePatientDemographicsCommand command) {
        record(command.patient(), command.demographics());
    }

    /**
     * An order message's PID: empty fields there mean "not sent", not "erase" (order messages often
     * carry only the identifier and name), so a known birth date or sex is kept.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordOrderPatientCommand command) {
        requireNotMerged();
        if (command.demographics() == null) {
            require(patientKey != null, RefusalCode.UNKNOWN, "patient " + command.patient()
                    + " is not registered and the order names no patient name to register them with");
            return;
        }
        Demographics sent = command.demographics();
        Demographics kept = demographics == null ? sent : new Demographics(sent.name(),
                sent.birthDate() != null ? sent.birthDate() : demographics.birthDate(),
                sent.sex() != null ? sent.sex() : demographics.sex());
        record(command.patient(), kept);
    }

    private void record(PatientIdentifier patient, Demographics newDemographics) {
        requireNotMerged();
        require(newDemographics != null && newDemographics.name() != null
                        && newDemographics.name().family() != null && !newDemographics.name().family().isBlank(),
                RefusalCode.INVALID, "a patient needs at least a family name");
        if (patientKey == null) {
            apply(new PatientRegisteredEvent(patient, newDemographics));
        } else if (!newDemographics.equals(demographics)) {
            apply(new PatientDemographicsUpdatedEvent(patient, newDemographics));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(MergePatientsCommand command) {
        require(command.survivor() != null, RefusalCode.INVALID, "a merge needs the surviving patient");
        require(!command.merged().equals(command.survivor()), RefusalCode.INVALID,
                "a patient cannot be merged into itself");
        if (command.survivor().equals(mergedInto)) {
            return;
        }
        requireNotMerged();
        apply(new PatientsMergedEvent(command.merged(), command.survivor()));
    }

    private void requireNotMerged() {
        if (mergedInto != null) {
            throw new CommandRefusedException(RefusalCode.PATIENT_MERGED,
                    "patient " + patientKey + " was merged into " + mergedInto);
        }
    }

    @EventSourcingHandler
    void on(PatientRegisteredEvent event) {
        patientKey = event.patient().toString();
        demographics = event.demographics();
    }

    @EventSourcingHandler
    void on(PatientDemographicsUpdatedEvent event) {
        demographics = event.demographics();
    }

    @EventSourcingHandler
    void on(PatientsMergedEvent event) {
        patientKey = event.merged().toString();
        mergedInto = event.survivor();
    }
}
