package org.rispacs.hl7.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Actor;
import org.rispacs.api.common.ClinicalRole;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.FindDueDeliveryAttemptCommand;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.hl7.message.Hl7Parser;

/**
 * Attempts of outbound deliveries, asked for and recorded through a real (in-memory) Axon command
 * bus standing in for the deliveries. Report versions go one at a time per destination, in the
 * order they were scheduled: a later one waits, without attempts, until the earlier one is
 * delivered or has failed; charges do not wait. The receivers here are down (a closed port), so
 * every attempt made is recorded as refused; which ones were made is what counts.
 */
class OutboundDeliverySenderTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final ReportResult RESULT = new ReportResult(new PatientIdentifier("P1", "HOSP"),
            new PersonName("Doe", "Jane", null, null, null), "PLC-1", null, "ACC1",
            new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), null, null, null, List.of("Normal."),
            new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST), Instant.parse("2026-01-02T10:00:00Z"), null,
            ResultStatus.FINAL);
    private static final ChargeDetails CHARGE = new ChargeDetails("charge-o1", new PatientIdentifier("P1", "HOSP"),
            new PersonName("Doe", "Jane", null, null, null), "PO-1", null, "ACC1",
            new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), "CT", Instant.parse("2026-01-02T10:00:00Z"), null,
            null, null, null);

    private final List<RecordDeliveryAttemptCommand> recorded = new ArrayList<>();
    /** The attempt each delivery would answer as due, while its outcome is unrecorded. */
    private final Map<String, DueDeliveryAttempt> dueAttempts = new HashMap<>();
    private final InMemoryQueue queue = new InMemoryQueue();
    private MessageFacts facts = new MessageFacts() {
        @Override
        public ReportResult reportResult(DueDeliveryAttempt delivery) {
            return RESULT;
        }

        @Override
        public ChargeDetails charge(DueDeliveryAttempt delivery) {
            return CHARGE;
        }
    };
    private CommandGateway commands;
    private OutboundChannel channel;

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(FindDueDeliveryAttemptCommand.class.getName(), message ->
                dueAttempts.get(((FindDueDeliveryAttemptCommand) message.getPayload()).deliveryId()));
        bus.subscribe(RecordDeliveryAttemptCommand.class.getName(), message -> {
            RecordDeliveryAttemptCommand command = (RecordDeliveryAttemptCommand) message.getPayload();
            recorded.add(command);
            dueAttempts.remove(command.deliveryId());
            return null;
        });
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, OutboundDestination> configured = new HashMap<>();
        for (String name : List.of("EHR", "OTHER", "BILLING")) {
            configured.put(name, new OutboundDestination(name, "127.0.0.1", closedPort, "EPIC", "HOSP",
                    Duration.ofSeconds(1), Duration.ofSeconds(1)));
        }
        channel = new OutboundChannel(configured, new MllpClient(1 << 20), new AckReader(PARSER));
    }

    private OutboundDeliverySender sender() {
        return new OutboundDeliverySender(facts, new OutboundMessages("RIS", "RAD", Clock.systemUTC()), queue,
                channel, commands, "hl7:RIS/RAD");
    }

    @Test
    void aDeliveryScheduledBehindAnUnfinishedOneWaitsWithoutAttempts() {
        scheduleReport("r1/EHR/0", "EHR");
        scheduleReport("r2/EHR/0", "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1");
        assertThat(queue.head("EHR")).contains("r1/EHR/0");
    }

    @Test
    void retriesOfTheFirstGoWhileTheOthersKeepWaiting() {
        scheduleReport("r1/EHR/0", "EHR");
        scheduleReport("r2/EHR/0", "EHR");
        due("r1/EHR/0", 2, DeliveryKind.REPORT_RESULT, "EHR");
        sender().attempt("r1/EHR/0", 2, DeliveryKind.REPORT_RESULT);
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r1/EHR/0#2");
    }

    @Test
    void whenTheFirstIsFinishedTheNextGoesAtOnceInSchedulingOrder() {
        scheduleReport("r1/EHR/0", "EHR");
        scheduleReport("r2/EHR/0", "EHR");
        scheduleReport("r3/EHR/0", "EHR");
        sender().finished("r1/EHR/0", DeliveryKind.REPORT_RESULT, "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r2/EHR/0#1");
        due("r2/EHR/0", 2, DeliveryKind.REPORT_RESULT, "EHR");
        sender().attempt("r2/EHR/0", 2, DeliveryKind.REPORT_RESULT);
        sender().finished("r2/EHR/0", DeliveryKind.REPORT_RESULT, "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r2/EHR/0#1", "r2/EHR/0#2", "r3/EHR/0#1");
        sender().finished("r3/EHR/0", DeliveryKind.REPORT_RESULT, "EHR");
        assertThat(queue.head("EHR")).isEmpty();
    }

    @Test
    void destinationsDoNotWaitForEachOther() {
        scheduleReport("r1/EHR/0", "EHR");
        scheduleReport("r1/OTHER/0", "OTHER");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r1/OTHER/0#1");
    }

    @Test
    void aScheduleSeenAgainAddsNoSecondPlaceAndSendsNothingTwice() {
        scheduleReport("r1/EHR/0", "EHR");
        sender().scheduled("r1/EHR/0", DeliveryKind.REPORT_RESULT, "EHR");
        scheduleReport("r2/EHR/0", "EHR");
        sender().finished("r1/EHR/0", DeliveryKind.REPORT_RESULT, "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r2/EHR/0#1");
    }

    @Test
    void chargesAreSentAsTheyComeWithoutAQueue() {
        schedule("charge/c1/BILLING", DeliveryKind.CHARGE, "BILLING");
        schedule("charge/c2/BILLING", DeliveryKind.CHARGE, "BILLING");
        assertThat(attempted()).containsExactly("charge/c1/BILLING#1", "charge/c2/BILLING#1");
        assertThat(queue.head("BILLING")).isEmpty();
        assertThat(recorded.get(0).error()).startsWith("connection refused by 127.0.0.1:");
    }

    @Test
    void anAttemptOfAnotherKindOrNumberThanTheDueOneSendsAndRecordsNothing() {
        due("charge/c1/BILLING", 2, DeliveryKind.CHARGE, "BILLING");
        sender().attempt("charge/c1/BILLING", 2, DeliveryKind.REPORT_RESULT);
        sender().attempt("charge/c1/BILLING", 1, DeliveryKind.CHARGE);
        assertThat(recorded).isEmpty();
    }

    @Test
    void anUnknownDestinationIsAFailedAttempt() {
        schedule("charge/c1/ELSEWHERE", DeliveryKind.CHARGE, "ELSEWHERE");
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).error()).startsWith("unknown destination 'ELSEWHERE'");
    }

    @Test
    void aMissingFactIsAFailedAttemptThatNamesIt() {
        facts = new MessageFacts() {
            @Override
            public ReportResult reportResult(DueDeliveryAttempt delivery) {
                throw new IllegalStateException("report r1 is not signed");
            }

            @Override
            public ChargeDetails charge(DueDeliveryAttempt delivery) {
                throw new IllegalStateException("unused");
            }
        };
        scheduleReport("r1/EHR/0", "EHR");
        assertThat(recorded).containsExactly(new RecordDeliveryAttemptCommand("r1/EHR/0", 1, false, null,
                "report r1 is not signed"));
    }

    private void scheduleReport(String deliveryId, String destination) {
        schedule(deliveryId, DeliveryKind.REPORT_RESULT, destination);
    }

    private void schedule(String deliveryId, DeliveryKind kind, String destination) {
        due(deliveryId, 1, kind, destination);
        sender().scheduled(deliveryId, kind, destination);
    }

    private void due(String deliveryId, int attempt, DeliveryKind kind, String destination) {
        boolean charge = kind == DeliveryKind.CHARGE;
        dueAttempts.put(deliveryId, new DueDeliveryAttempt(deliveryId, attempt, kind, destination, "order-1",
                charge ? null : "r1", charge ? null : ResultStatus.FINAL, charge ? "c1" : null, null));
    }

    private List<String> attempted() {
        return recorded.stream().map(command -> command.deliveryId() + "#" + command.attempt()).toList();
    }

    /** The queue as the database table keeps it: insertion order, one place per delivery. */
    private static final class InMemoryQueue implements DeliveryQueue {

        private final Map<String, String> entries = new LinkedHashMap<>();

        @Override
        public void append(String deliveryId, String destination) {
            entries.putIfAbsent(deliveryId, destination);
        }

        @Override
        public void remove(String deliveryId) {
            entries.remove(deliveryId);
        }

        @Override
        public Optional<String> head(String destination) {
            return entries.entrySet().stream().filter(entry -> entry.getValue().equals(destination))
                    .map(Map.Entry::getKey).findFirst();
        }
    }
}
