package org.rispacs.app.worklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.CancelOrderCommand;
import org.rispacs.api.order.CompleteProcedureStepCommand;
import org.rispacs.api.order.CompletionSource;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.patient.RegisterPatientCommand;
import org.rispacs.api.patient.UpdatePatientDemographicsCommand;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestCommands;
import org.springframework.boot.test.context.SpringBootTest;

/** The modality worklist read model on the real Elasticsearch node: DICOM matching semantics. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModalityWorklistIT extends ApplicationTest {

    private static final LocalDateTime MORNING = LocalDateTime.of(2026, 12, 1, 9, 0);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);

    private PatientIdentifier mueller;
    private PatientIdentifier yamada;
    private String muellerCt;
    private String yamadaMr;
    private String cancelled;
    private String completed;
    private String started;

    @BeforeAll
    void schedule() {
        mueller = patient("MUE", new PersonName("Müller", "Hans", null, null, null));
        yamada = patient("YAM", new PersonName("山田", "太郎", null, null, null));
        muellerCt = order(mueller, "CT", "CT1", MORNING);
        yamadaMr = order(yamada, "MR", "MR1", MORNING.plusHours(2));
        cancelled = order(mueller, "CT", "CT1", MORNING.plusHours(1));
        send(new CancelOrderCommand(cancelled, "duplicate"));
        completed = order(mueller, "CT", "CT1", MORNING.plusHours(3));
        send(new CompleteProcedureStepCommand(completed, CompletionSource.TECHNOLOGIST, null, null));
        started = order(yamada, "MR", "MR1", MORNING.plusDays(1));
        send(new StartProcedureStepCommand(started, "1.2.3." + RUN, "MR1", MORNING.plusDays(1)));
    }

    @Test
    void namesMatchWithWildcardsIgnoringCaseAndAccents() {
        eventually(() -> assertThat(orders(criteria("mull*", null, null, null))).containsExactly(muellerCt));
        eventually(() -> assertThat(orders(criteria("MULLER^HANS", null, null, null))).containsExactly(muellerCt));
        eventually(() -> assertThat(orders(criteria("Müller^Hans^^^", null, null, null))).containsExactly(muellerCt));
        eventually(() -> assertThat(orders(criteria("M?LLER*", null, null, null))).containsExactly(muellerCt));
        eventually(() -> assertThat(orders(criteria("MULLER", null, null, null))).as("no wildcard: exact").isEmpty());
    }

    @Test
    void nonLatinNamesMatch() {
        eventually(() -> assertThat(orders(criteria("山田^太郎", null, null, null))).containsExactly(yamadaMr, started));
        eventually(() -> assertThat(orders(criteria("山田*", "MR", null, null))).containsExactly(yamadaMr, started));
    }

    @Test
    void modalityStationAndDateRangeNarrowTheList() {
        eventually(() -> assertThat(orders(criteria(null, "CT", "CT1", null))).containsExactly(muellerCt));
        eventually(() -> assertThat(orders(criteria(null, "CT\\MR", null, null)))
                .containsExactly(muellerCt, yamadaMr, started));
        WorklistCriteria laterThatMorning = new WorklistCriteria(null, "*" + RUN, null, null, null, null,
                MORNING.plusMinutes(30), MORNING.plusHours(5), null, null, null);
        eventually(() -> assertThat(orders(laterThatMorning)).containsExactly(yamadaMr));
        WorklistCriteria untilNine = new WorklistCriteria(null, "*" + RUN, null, null, null, null, null, MORNING,
                null, null, null);
        eventually(() -> assertThat(orders(untilNine)).containsExactly(muellerCt));
    }

    @Test
    void cancelledAndCompletedStepsHaveLeftStartedOnesStay() {
        eventually(() -> assertThat(orders(criteria(null, null, null, null))).contains(muellerCt, yamadaMr, started)
                .doesNotContain(cancelled, completed));
        eventually(() -> assertThat(item(started).status()).isEqualTo("STARTED"));
    }

    @Test
    void itemsCarryWhatTheModalityNeeds() {
        eventually(() -> item(muellerCt));
        ModalityWorklistItem item = item(muellerCt);
        assertThat(item.patientName()).isEqualTo("Müller^Hans");
        assertThat(item.patientBirthDate()).isEqualTo(LocalDate.of(1960, 5, 4));
        assertThat(item.accessionNumber()).isNotBlank();
        assertThat(item.requestedProcedureId()).startsWith("RP");
        assertThat(item.scheduledProcedureStepId()).startsWith("SPS");
        assertThat(item.studyInstanceUid()).startsWith("2.25.");
        assertThat(item.scheduledStart()).isEqualTo(MORNING);
        assertThat(item.requestedProcedureDescription()).isEqualTo("CT chest");
        assertThat(item.priority()).isEqualTo(OrderPriority.ROUTINE);
        WorklistCriteria byAccession = new WorklistCriteria(null, null, null,
                item.accessionNumber().toLowerCase(), null, null, null, null, null, null, null);
        eventually(() -> assertThat(orders(byAccession)).containsExactly(muellerCt));
    }

    @Test
    void demographicUpdatesReachTheWorklist() {
        PatientIdentifier renamed = patient("REN", new PersonName("Old", "Name", null, null, null));
        String order = order(renamed, "US", "US1", MORNING);
        send(new UpdatePatientDemographicsCommand(renamed, new Demographics(new PersonName("New", "Name", null, null,
                null), LocalDate.of(1960, 5, 4), "F")));
        eventually(() -> assertThat(orders(criteria("NEW^NAME", null, null, null))).containsExactly(order));
        eventually(() -> assertThat(orders(criteria("OLD*", null, null, null))).isEmpty());
    }

    /** The projection runs asynchronously: retry an assertion until it holds, for a bounded time. */
    private static void eventually(Runnable assertion) {
        Eventually.eventually(assertion);
    }

    private WorklistCriteria criteria(String name, String modality, String station, String status) {
        return new WorklistCriteria(name, "*" + RUN, null, null, modality, station, null, null, null, null, status);
    }

    private List<String> orders(WorklistCriteria criteria) {
        return queries.query(new FindModalityWorklistQuery(criteria, 100),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join().stream()
                .map(ModalityWorklistItem::orderId).toList();
    }

    private ModalityWorklistItem item(String orderId) {
        return queries.query(new FindModalityWorklistQuery(new WorklistCriteria(null, "*" + RUN, null, null, null,
                        null, null, null, null, null, "SCHEDULED\\STARTED"), 100),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join().stream()
                .filter(i -> i.orderId().equals(orderId)).findFirst().orElseThrow();
    }

    private PatientIdentifier patient(String prefix, PersonName name) {
        PatientIdentifier patient = new PatientIdentifier(prefix + "-" + RUN, "HOSP");
        send(new RegisterPatientCommand(patient, new Demographics(name, LocalDate.of(1960, 5, 4), "M")));
        return patient;
    }

    private String order(PatientIdentifier patient, String modality, String station, LocalDateTime start) {
        String orderId = "order-" + UUID.randomUUID();
        send(new PlaceOrderCommand(orderId, patient, null, new ProcedureCode("P-" + modality, "LOCAL",
                modality.equals("CT") ? "CT chest" : modality + " exam"), modality, OrderPriority.ROUTINE, null,
                "Dr Who", null));
        send(new ScheduleProcedureCommand(orderId, start, station, station + " room", "Radiology"));
        return orderId;
    }

    private void send(Object command) {
        TestCommands.send(commands, "worklist-it", command);
    }
}
