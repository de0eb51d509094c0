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
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.delivery.ResultStatus;
import org.rispacs.hl7.message.Hl7Parser;

/**
 * Report deliveries go one at a time per destination, in the order they were scheduled: a later
 * one waits, without attempts, until the earlier one is delivered or has failed. The EHR here is
 * down (a closed port), so every attempt made is recorded as refused; which ones were made is
 * what counts.
 */
class ReportDeliverySenderTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final ReportResult RESULT = new ReportResult(new PatientIdentifier("P1", "HOSP"),
            new PersonName("Doe", "Jane", null, null, null), "PLC-1", null, "ACC1",
            new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), null, null, null, List.of("Normal."),
            new Actor("rad1", "Dr House", ClinicalRole.RADIOLOGIST), Instant.parse("2026-01-02T10:00:00Z"), null,
            ResultStatus.FINAL);

    private final List<RecordDeliveryAttemptCommand> recorded = new ArrayList<>();
    /** Each delivery's destination and its current attempt, while its outcome is unrecorded. */
    private final Map<String, String> destinations = new HashMap<>();
    private final Map<String, Integer> dueAttempts = new HashMap<>();
    private final InMemoryQueue queue = new InMemoryQueue();
    private ReportDeliverySender sender;

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordDeliveryAttemptCommand.class.getName(), message -> {
            RecordDeliveryAttemptCommand command = (RecordDeliveryAttemptCommand) message.getPayload();
            recorded.add(command);
            dueAttempts.remove(command.deliveryId());
            return null;
        });
        CommandGateway commands = DefaultCommandGateway.builder().commandBus(bus).build();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, OutboundDestination> configured = new HashMap<>();
        for (String name : List.of("EHR", "OTHER")) {
            configured.put(name, new OutboundDestination(name, "127.0.0.1", closedPort, "EPIC", "HOSP",
                    Duration.ofSeconds(1), Duration.ofSeconds(1)));
        }
        OutboundChannel channel = new OutboundChannel(configured, new MllpClient(1 << 20), new AckReader(PARSER));
        ReportDeliveries deliveries = new ReportDeliveries() {
            @Override
            public Optional<PendingReport> due(String deliveryId, int attempt) {
                return dueAttempt(deliveryId).filter(due -> due == attempt)
                        .map(due -> new PendingReport(destinations.get(deliveryId), RESULT));
            }

            @Override
            public Optional<Integer> dueAttempt(String deliveryId) {
                return Optional.ofNullable(dueAttempts.get(deliveryId));
            }
        };
        sender = new ReportDeliverySender(deliveries, new OutboundMessages("RIS", "RAD", Clock.systemUTC()), queue,
                channel, commands, "hl7:RIS/RAD");
    }

    @Test
    void aDeliveryScheduledBehindAnUnfinishedOneWaitsWithoutAttempts() {
        schedule("r1/EHR/0", "EHR");
        schedule("r2/EHR/0", "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1");
        assertThat(queue.head("EHR")).contains("r1/EHR/0");
    }

    @Test
    void retriesOfTheFirstGoWhileTheOthersKeepWaiting() {
        schedule("r1/EHR/0", "EHR");
        schedule("r2/EHR/0", "EHR");
        dueAttempts.put("r1/EHR/0", 2);
        sender.attempt("r1/EHR/0", 2);
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r1/EHR/0#2");
    }

    @Test
    void whenTheFirstIsFinishedTheNextGoesAtOnceInSchedulingOrder() {
        schedule("r1/EHR/0", "EHR");
        schedule("r2/EHR/0", "EHR");
        schedule("r3/EHR/0", "EHR");
        sender.finished("r1/EHR/0", "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r2/EHR/0#1");
        dueAttempts.put("r2/EHR/0", 2);
        sender.attempt("r2/EHR/0", 2);
        sender.finished("r2/EHR/0", "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r2/EHR/0#1", "r2/EHR/0#2", "r3/EHR/0#1");
        sender.finished("r3/EHR/0", "EHR");
        assertThat(queue.head("EHR")).isEmpty();
    }

    @Test
    void destinationsDoNotWaitForEachOther() {
        schedule("r1/EHR/0", "EHR");
        schedule("r1/OTHER/0", "OTHER");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r1/OTHER/0#1");
    }

    @Test
    void aScheduleSeenAgainAddsNoSecondPlaceAndSendsNothingTwice() {
        schedule("r1/EHR/0", "EHR");
        sender.scheduled("r1/EHR/0", "EHR");
        schedule("r2/EHR/0", "EHR");
        sender.finished("r1/EHR/0", "EHR");
        assertThat(attempted()).containsExactly("r1/EHR/0#1", "r2/EHR/0#1");
    }

    private void schedule(String deliveryId, String destination) {
        destinations.put(deliveryId, destination);
        dueAttempts.put(deliveryId, 1);
        sender.scheduled(deliveryId, destination);
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
