package org.rispacs.hl7.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.hl7.message.Hl7Parser;

/** Attempts of charge deliveries, recorded through a real (in-memory) Axon command bus. */
class ChargeDeliverySenderTest {

    private static final Hl7Parser PARSER = new Hl7Parser();
    private static final String ID = "charge/charge-o1/BILLING";
    private static final ChargeDetails CHARGE = new ChargeDetails("charge-o1", new PatientIdentifier("P1", "HOSP"),
            new PersonName("Doe", "Jane", null, null, null), "PO-1", null, "ACC1",
            new ProcedureCode("CTCHEST", "LOCAL", "CT chest"), "CT", Instant.parse("2026-01-02T10:00:00Z"), null,
            null, null, null);

    private final List<RecordDeliveryAttemptCommand> recorded = new ArrayList<>();
    private CommandGateway commands;
    private int closedPort;

    @AfterAll
    static void closeParser() {
        PARSER.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        SimpleCommandBus bus = SimpleCommandBus.builder().build();
        bus.subscribe(RecordDeliveryAttemptCommand.class.getName(), message -> {
            recorded.add((RecordDeliveryAttemptCommand) message.getPayload());
            return null;
        });
        commands = DefaultCommandGateway.builder().commandBus(bus).build();
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
    }

    private ChargeDeliverySender sender(Optional<PendingCharge> due, Optional<String> acceptedBefore) {
        OutboundDestination billing = new OutboundDestination("BILLING", "127.0.0.1", closedPort, "SAP", "FIN",
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        OutboundChannel channel = new OutboundChannel(Map.of("BILLING", billing), new MllpClient(1 << 20),
                new AckReader(PARSER));
        return new ChargeDeliverySender((id, attempt) -> due, new OutboundMessages("RIS", "RAD",
                Clock.systemUTC()), channel, chargeId -> acceptedBefore, commands, "hl7:RIS/RAD");
    }

    @Test
    void aChargeAcceptedByTheOnceOnlySenderOfEarlierVersionsIsNotSentAgain() {
        sender(Optional.of(new PendingCharge("BILLING", CHARGE)), Optional.of("AA")).attempt(ID, 1);
        assertThat(recorded).containsExactly(new RecordDeliveryAttemptCommand(ID, 1, true, "AA", null));
    }

    @Test
    void otherwiseItIsSentAndTheOutcomeRecorded() {
        sender(Optional.of(new PendingCharge("BILLING", CHARGE)), Optional.empty()).attempt(ID, 1);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).acknowledged()).isFalse();
        assertThat(recorded.get(0).error()).startsWith("connection refused by 127.0.0.1:" + closedPort);
    }

    @Test
    void anAttemptThatIsNotDueSendsAndRecordsNothing() {
        sender(Optional.empty(), Optional.of("AA")).attempt(ID, 2);
        assertThat(recorded).isEmpty();
    }

    @Test
    void anUnknownDestinationIsAFailedAttempt() {
        sender(Optional.of(new PendingCharge("ELSEWHERE", CHARGE)), Optional.empty()).attempt(ID, 1);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).error()).startsWith("unknown destination 'ELSEWHERE'");
    }
}
