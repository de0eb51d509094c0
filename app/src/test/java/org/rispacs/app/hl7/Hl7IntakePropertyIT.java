package org.rispacs.app.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.ProcedureScheduledEvent;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.app.support.MllpTestClient;
import org.rispacs.app.support.TestProperties;
import org.rispacs.hl7.mapping.PlacerOrderIds;
import org.rispacs.hl7.mllp.MllpServer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A generated EHR feed (seeded, so a failure can be replayed) mixing registrations, updates, orders
 * with one or two procedures, re-sends, conflicting re-sends, reused control ids, merged and
 * unknown patients, bad dates and accessions held by other orders. The generator knows what each
 * message must get; the property: every AA leaves all of its content in the event store, and every
 * AE leaves no trace in any record the message names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class Hl7IntakePropertyIT {

    private static final long SEED = Long.getLong("hl7.property.seed", 20261207L);
    private static final int MESSAGES = 160;
    private static final String[] FAMILIES = {"Doe", "Müller", "O\\S\\Neil", "Ng", "Øster", "Smith\\T\\Jones"};
    private static final String[] MODALITIES = {"CT", "MR", "US"};

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.realDependencies(registry);
    }

    @Autowired
    MllpServer hl7;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    private final Random random = new Random(SEED);
    private final String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private final List<String> patients = new ArrayList<>();
    private final Map<String, String> familyOf = new HashMap<>();
    private final List<String> mergedAway = new ArrayList<>();
    private final Map<String, ExpectedOrder> orders = new HashMap<>();
    private final List<AcceptedOrder> acceptedOrderMessages = new ArrayList<>();
    private final List<String> registrationControlIds = new ArrayList<>();
    private int sequence;

    private record ExpectedOrder(String patientKey, String procedure, String modality, String accession,
                                 LocalDateTime start) {
    }

    /** An order message answered AA, for re-sending: the patient it named, with the family name if it gave one. */
    private record AcceptedOrder(String text, String patientKey, String family) {
    }

    /** One generated message: its text, the acknowledgement it must get, and the records it names. */
    private record Case(String kind, String controlId, String text, String expectedAck, List<String> named) {
    }

    @Test
    void everyAaKeepsAllOfItsContentAndEveryRefusalKeepsNothing() throws Exception {
        Map<String, Integer> kinds = new HashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            Case sent = next();
            kinds.merge(sent.kind() + " " + sent.expectedAck(), 1, Integer::sum);
            Map<String, Long> before = new HashMap<>();
            for (String aggregate : sent.named()) {
                before.put(aggregate, eventsOf(aggregate));
            }
            boolean recordedBefore = recorded(sent.controlId());
            List<String> ack = MllpTestClient.send(hl7.port(), sent.text());
            assertThat(ack).as("seed %d, message %d (%s)", SEED, i, sent.kind())
                    .contains("MSA|" + sent.expectedAck() + "|" + sent.controlId());
            if (!sent.expectedAck().equals("AA")) {
                for (String aggregate : sent.named()) {
                    assertThat(eventsOf(aggregate)).as("seed %d, %s left a trace on %s", SEED, sent.kind(), aggregate)
                            .isEqualTo(before.get(aggregate));
                }
                assertThat(recorded(sent.controlId())).as("refused message recorded").isEqualTo(recordedBefore);
            }
        }
        assertThat(kinds.keySet()).as("the generator covered every kind with both outcomes where it has them: " + kinds)
                .contains("registration AA", "registration AE", "update AA", "order AA", "order AE",
                        "re-sent order AA", "conflicting order AE", "reused control id AE", "merge AA");

        for (Map.Entry<String, ExpectedOrder> entry : orders.entrySet()) {
            assertOrderKept(entry.getKey(), entry.getValue());
        }
        for (Map.Entry<String, String> patient : familyOf.entrySet()) {
            assertThat(currentFamily(patient.getKey())).as("patient %s", patient.getKey())
                    .isEqualTo(patient.getValue());
        }
    }

    private Case next() {
        int dice = random.nextInt(100);
        if (patients.size() < 3 || dice < 20) {
            return registration();
        }
        if (dice < 30) {
            return update();
        }
        if (dice < 70) {
            return order();
        }
        if (dice < 78 && !acceptedOrderMessages.isEmpty()) {
            AcceptedOrder earlier = acceptedOrderMessages.get(random.nextInt(acceptedOrderMessages.size()));
            if (earlier.family() != null) {
                familyOf.put(earlier.patientKey(), earlier.family());
            }
            String controlId = "RS-" + run + "-" + (++sequence);
            return new Case("re-sent order", controlId, earlier.text().replaceFirst("\\|[^|]*\\|P\\|2\\.5\\.1\\|",
                    "|" + controlId + "|P|2.5.1|"), "AA", List.of());
        }
        if (dice < 86 && !acceptedOrderMessages.isEmpty()) {
            return conflictingOrder();
        }
        if (dice < 93) {
            return reusedControlId();
        }
        return merge();
    }

    private Case registration() {
        String id = "Q" + run + "-" + (++sequence);
        String key = id + "^^^HOSP";
        String family = FAMILIES[random.nextInt(FAMILIES.length)];
        boolean badDate = random.nextInt(6) == 0;
        String birth = badDate ? "1980-05-17" : "19" + (50 + random.nextInt(50)) + "0" + (1 + random.nextInt(9)) + "15";
        String controlId = "R-" + id;
        if (!badDate) {
            registrationControlIds.add(controlId);
            patients.add(key);
            familyOf.put(key, decoded(family));
        }
        return new Case("registration", controlId, message("ADT^A04^ADT_A01", controlId,
                "PID|1||" + key + "||" + family + "^Pat||" + birth), badDate ? "AE" : "AA", List.of(key));
    }

    private Case update() {
        String key = livingPatient();
        String family = FAMILIES[random.nextInt(FAMILIES.length)] + "-" + sequence;
        familyOf.put(key, decoded(family));
        String controlId = "U-" + run + "-" + (++sequence);
        return new Case("update", controlId, message("ADT^A08^ADT_A01", controlId, "PID|1||" + key + "||" + family
                + "^Pat"), "AA", List.of(key));
    }

    private Case order() {
        String controlId = "O-" + run + "-" + (++sequence);
        int outcome = random.nextInt(10);
        String key;
        String pid;
        String expected = "AA";
        if (outcome == 0 && !mergedAway.isEmpty()) {
            key = mergedAway.get(random.nextInt(mergedAway.size()));
            pid = "PID|1||" + key;
            expected = "AE";
        } else if (outcome == 1) {
            key = "X" + run + "-" + sequence + "^^^HOSP";
            pid = "PID|1||" + key;
            expected = "AE";
        } else if (outcome == 2) {
            key = "N" + run + "-" + sequence + "^^^HOSP";
            pid = "PID|1||" + key + "||Newcomer^Nora";
        } else {
            key = livingPatient();
            pid = "PID|1||" + key;
        }
        boolean badStart = random.nextInt(8) == 0;
        boolean heldAccession = !badStart && expected.equals("AA") && random.nextInt(10) == 0 && !orders.isEmpty();
        if (badStart || heldAccession) {
            expected = "AE";
        }
        LocalDateTime start = random.nextBoolean() ? null : LocalDateTime.of(2026, 12, 8, 8 + random.nextInt(10), 15);
        String startField = badStart ? "2026-12-08T09:00" : start == null ? "" : String.format("%04d%02d%02d%02d%02d",
                start.getYear(), start.getMonthValue(), start.getDayOfMonth(), start.getHour(), start.getMinute());
        List<String> segments = new ArrayList<>(List.of(pid,
                "ORC|NW|PO-" + controlId + "|||||^^^" + startField + "^^R"));
        List<String> named = new ArrayList<>(List.of(key));
        Map<String, ExpectedOrder> placed = new HashMap<>();
        int procedures = 1 + random.nextInt(2);
        for (int p = 1; p <= procedures; p++) {
            String placer = "PO-" + controlId + "-" + p;
            String modality = MODALITIES[random.nextInt(MODALITIES.length)];
            String accession = heldAccession && p == 1
                    ? orders.values().stream().map(ExpectedOrder::accession).filter(a -> a != null).findFirst()
                            .orElse(null)
                    : random.nextBoolean() ? null : (random.nextBoolean() ? "a" : "A") + run + sequence + p;
            if (heldAccession && p == 1 && accession == null) {
                expected = "AA";
            }
            segments.add("OBR|" + p + "|" + placer + "||P" + modality + p + "^Exam^LOCAL||||||||||||||"
                    + (accession == null ? "" : accession) + "||||||" + modality);
            String orderId = PlacerOrderIds.orderId("HOSP", placer);
            named.add(orderId);
            placed.put(orderId, new ExpectedOrder(key, "P" + modality + p, modality, accession, start));
        }
        if (expected.equals("AA")) {
            orders.putAll(placed);
            if (outcome == 2) {
                familyOf.put(key, "Newcomer");
                patients.add(key);
            }
        }
        String text = message("ORM^O01", controlId, segments.toArray(String[]::new));
        if (expected.equals("AA")) {
            acceptedOrderMessages.add(new AcceptedOrder(text, key, outcome == 2 ? "Newcomer" : null));
        }
        return new Case("order", controlId, text, expected, named);
    }

    private Case conflictingOrder() {
        String earlier = acceptedOrderMessages.get(random.nextInt(acceptedOrderMessages.size())).text();
        String controlId = "C-" + run + "-" + (++sequence);
        String changed = earlier.replaceFirst("\\|[^|]*\\|P\\|2\\.5\\.1\\|", "|" + controlId + "|P|2.5.1|")
                .replaceFirst("\\|\\|P(CT|MR|US)1\\^Exam", "||OTHER1^Exam");
        List<String> named = new ArrayList<>();
        for (String segment : earlier.split("\r")) {
            if (segment.startsWith("OBR|")) {
                named.add(PlacerOrderIds.orderId("HOSP", segment.split("\\|")[2]));
            }
        }
        return new Case("conflicting order", controlId, changed, "AE", named);
    }

    private Case reusedControlId() {
        String id = "Z" + run + "-" + (++sequence);
        String controlId = registrationControlIds.get(random.nextInt(registrationControlIds.size()));
        return new Case("reused control id", controlId, message("ADT^A04^ADT_A01", controlId,
                "PID|1||" + id + "^^^HOSP||Other^Olga"), "AE", List.of(id + "^^^HOSP"));
    }

    private Case merge() {
        String survivor = livingPatient();
        String merged = livingPatient();
        if (merged.equals(survivor) || !orderlessPatient(merged)) {
            return registration();
        }
        patients.remove(merged);
        mergedAway.add(merged);
        familyOf.remove(merged);
        String controlId = "M-" + run + "-" + (++sequence);
        return new Case("merge", controlId, message("ADT^A40^ADT_A39", controlId, "PID|1||" + survivor
                + "||" + familyOf.get(survivor).replace("^", "\\S\\").replace("&", "\\T\\") + "^Pat", "MRG|" + merged),
                "AA", List.of());
    }

    /** Merging a patient with orders moves them (a saga); the orders' expected patient would follow. */
    private boolean orderlessPatient(String key) {
        return orders.values().stream().noneMatch(order -> order.patientKey().equals(key));
    }

    private String livingPatient() {
        return patients.get(random.nextInt(patients.size()));
    }

    private static String decoded(String family) {
        return family.replace("\\S\\", "^").replace("\\T\\", "&");
    }

    private static String message(String type, String controlId, String... segments) {
        return "MSH|^~\\&|EPIC|HOSP|RISPACS|RAD|20261207090000||" + type + "|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8\r"
                + String.join("\r", segments) + "\r";
    }

    private long eventsOf(String aggregateId) {
        return eventStore.readEvents(aggregateId).asStream().count();
    }

    private boolean recorded(String controlId) {
        return jdbc.queryForObject("SELECT count(*) FROM hl7_inbound_message WHERE control_id = ?", Long.class,
                controlId) > 0;
    }

    private void assertOrderKept(String orderId, ExpectedOrder expected) {
        List<?> events = eventStore.readEvents(orderId).asStream().map(DomainEventMessage::getPayload).toList();
        OrderPlacedEvent placed = events.stream().filter(OrderPlacedEvent.class::isInstance)
                .map(OrderPlacedEvent.class::cast).findFirst().orElseThrow(() -> new AssertionError(
                        "order " + orderId + " acknowledged AA but not placed"));
        assertThat(placed.patient().toString()).isEqualTo(expected.patientKey());
        assertThat(placed.procedure().code()).isEqualTo(expected.procedure());
        assertThat(placed.modality()).isEqualTo(expected.modality());
        AccessionAssignedEvent accession = events.stream().filter(AccessionAssignedEvent.class::isInstance)
                .map(AccessionAssignedEvent.class::cast).findFirst().orElseThrow();
        if (expected.accession() != null) {
            assertThat(accession.accessionNumber()).as("the placer's accession, as sent")
                    .isEqualTo(expected.accession());
        }
        List<ProcedureScheduledEvent> scheduled = events.stream().filter(ProcedureScheduledEvent.class::isInstance)
                .map(ProcedureScheduledEvent.class::cast).toList();
        if (expected.start() == null) {
            assertThat(scheduled).isEmpty();
        } else {
            assertThat(scheduled).singleElement().extracting(ProcedureScheduledEvent::scheduledStart)
                    .isEqualTo(expected.start());
        }
    }

    private String currentFamily(String patientKey) {
        Demographics current = null;
        for (Object event : eventStore.readEvents(patientKey).asStream().map(DomainEventMessage::getPayload).toList()) {
            if (event instanceof PatientRegisteredEvent registered) {
                current = registered.demographics();
            } else if (event instanceof PatientDemographicsUpdatedEvent updated) {
                current = updated.demographics();
            }
        }
        return current == null ? null : current.name().family();
    }
}
