package org.rispacs.app.support;

import static org.rispacs.app.support.Eventually.event;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.RecordInstancesReceivedCommand;
import org.rispacs.api.study.RecordStorageCommitmentCommand;
import org.rispacs.api.study.StudyMatchedToOrderEvent;

/**
 * The department's day as the page tests need it, sent through the command gateway as the edges
 * would: a registered patient, an order placed and scheduled, a study of one instance received
 * (matched to its order by accession, or not) and committed.
 */
public final class TestDepartment {

    private final CommandGateway commands;
    private final EventStore eventStore;
    private final String actor;

    public TestDepartment(CommandGateway commands, EventStore eventStore, String actor) {
        this.commands = commands;
        this.eventStore = eventStore;
        this.actor = actor;
    }

    public PatientIdentifier patient(String family, String given) {
        PatientIdentifier patient = new PatientIdentifier("T-" + UUID.randomUUID().toString().substring(0, 8), "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(new PersonName(family, given, null, null, null),
                LocalDate.of(1970, 1, 2), "F")));
        return patient;
    }

    /** A routine order scheduled today at noon in the modality's first room. */
    public String order(PatientIdentifier patient, String modality) {
        return order(patient, modality, OrderPriority.ROUTINE);
    }

    public String order(PatientIdentifier patient, String modality, OrderPriority priority) {
        return order(patient, modality, priority, modality + "1", LocalDateTime.now().withHour(12).withMinute(0));
    }

    public String order(PatientIdentifier patient, String modality, OrderPriority priority, String station,
                        LocalDateTime start) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("P-" + modality, "LOCAL",
                modality + " exam"), modality, priority, null, "Dr Who", null));
        send(new ScheduleProcedureCommand(orderId, start, station, null, "Room " + station));
        return orderId;
    }

    public String accessionOf(String orderId) {
        return event(eventStore, orderId, AccessionAssignedEvent.class).accessionNumber();
    }

    /** The order's study, received with its accession and the patient's id and issuer, and matched. */
    public String acquire(PatientIdentifier patient, String orderId, String modality) {
        String studyUid = newStudyUid();
        receive(studyUid, accessionOf(orderId), modality, patient.id(), patient.issuer());
        event(eventStore, studyUid, StudyMatchedToOrderEvent.class);
        return studyUid;
    }

    public static String newStudyUid() {
        return "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
    }

    /** One instance of {@code studyUid} from the modality's first station; the issuer may be null, as many send. */
    public void receive(String studyUid, String accession, String modality, String patientId, String issuer) {
        send(new RecordInstancesReceivedCommand(studyUid, studyUid + ".1", "assoc-" + studyUid, modality + "1",
                new ReceivedStudyAttributes(patientId, issuer, null, accession, modality, null),
                List.of(new ReceivedInstance(studyUid + ".1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1",
                        100, "ab"))));
    }

    public void commit(String studyUid) {
        send(new RecordStorageCommitmentCommand(studyUid, "tx-" + studyUid, List.of(studyUid + ".1.1"), List.of()));
    }

    public void send(Object command) {
        TestCommands.send(commands, actor, command);
    }

    /** An order whose study was acquired, committed and completed, once the reading worklist shows it. */
    public ReadingWorklistItem readyForReading(PatientIdentifier patient, QueryGateway queries) {
        String orderId = order(patient, "CT");
        commit(acquire(patient, orderId, "CT"));
        send(new CompleteProcedureStepCommand(orderId, CompletionSource.TECHNOLOGIST, null, null));
        return Eventually.eventually(() -> queries.query(new FindReadingWorklistItemQuery(orderId),
                        ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join().orElse(null),
                found -> found != null && found.waitingSince() != null);
    }
}
