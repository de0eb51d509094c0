package org.rispacs.app.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rispacs.app.support.Eventually.eventually;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.interfaces.DestinationHealth;
import org.rispacs.api.interfaces.FindInterfaceHealthQuery;
import org.rispacs.api.interfaces.InterfaceAlert;
import org.rispacs.api.interfaces.InterfaceHealth;
import org.rispacs.api.subscription.CreateSubscriptionCommand;
import org.rispacs.api.subscription.DeleteSubscriptionCommand;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptionStatus;
import org.rispacs.api.subscription.FhirSubscriptions;
import org.rispacs.api.subscription.FindActiveFhirSubscriptionsQuery;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;
import org.rispacs.api.subscription.NotifySubscriptionCommand;
import org.rispacs.api.subscription.SearchFhirSubscriptionsQuery;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.app.support.ApplicationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * FHIR subscriptions on the real event store (PostgreSQL) and read model (Elasticsearch): created,
 * found, searched and deleted through the gateways; those to notify found for a topic and patient,
 * however many; a subscription notified more than the snapshot threshold loads from its snapshot;
 * its notifications are deliveries of their own in interface health. Nothing here answers a
 * notification: the endpoint is a closed local port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SubscriptionReadModelIT extends ApplicationTest {

    private static final String CLOSED_ENDPOINT = "http://127.0.0.1:9/fhir-hook";

    @Autowired
    JdbcTemplate jdbc;

    private static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static SubscriptionChannel channel(SubscriptionPayload payload) {
        return new SubscriptionChannel(CLOSED_ENDPOINT, List.of("Authorization: Bearer it"), "application/fhir+json",
                payload);
    }

    private FhirSubscription find(String subscriptionId) {
        return queries.query(new FindFhirSubscriptionQuery(subscriptionId),
                ResponseTypes.instanceOf(FhirSubscription.class)).join();
    }

    private List<String> activeIds(SubscriptionTopic topic, String patientId) {
        return queries.query(new FindActiveFhirSubscriptionsQuery(topic, patientId),
                        ResponseTypes.instanceOf(FhirSubscriptions.class)).join().subscriptions().stream()
                .map(FhirSubscription::subscriptionId).toList();
    }

    private void create(String id, SubscriptionTopic topic, String patientId, Instant end) {
        commands.sendAndWait(new CreateSubscriptionCommand(id, topic, patientId, channel(SubscriptionPayload.ID_ONLY),
                "IT " + id, end));
    }

    @Test
    void aSubscriptionIsFoundWithAllItWasCreatedWithAndIsOffOnceDeleted() {
        String id = newId("sub");
        Instant end = Instant.parse("2099-01-01T00:00:00Z");
        commands.sendAndWait(new CreateSubscriptionCommand(id, SubscriptionTopic.STUDY_AVAILABLE, "pat-" + id,
                channel(SubscriptionPayload.FULL_RESOURCE), "for the viewer", end));

        FhirSubscription created = eventually(() -> find(id), found -> found != null);
        assertThat(created).usingRecursiveComparison().ignoringFields("lastUpdated").isEqualTo(new FhirSubscription(
                id, SubscriptionTopic.STUDY_AVAILABLE, "pat-" + id, channel(SubscriptionPayload.FULL_RESOURCE),
                "for the viewer", end, FhirSubscriptionStatus.ACTIVE, 0, null, 1, null));
        assertThat(created.lastUpdated()).isNotNull();

        commands.sendAndWait(new NotifySubscriptionCommand(id, "2.25.1", 10));
        commands.sendAndWait(new DeleteSubscriptionCommand(id));
        FhirSubscription deleted = eventually(() -> find(id), found -> found.version() == 3);
        assertThat(deleted.status()).isEqualTo(FhirSubscriptionStatus.OFF);
        assertThat(deleted.eventsSinceStart()).isEqualTo(1);
        assertThat(activeIds(SubscriptionTopic.STUDY_AVAILABLE, "pat-" + id)).doesNotContain(id);

        FhirSubscriptions offOnes = queries.query(new SearchFhirSubscriptionsQuery(FhirSubscriptionStatus.OFF,
                SubscriptionTopic.STUDY_AVAILABLE, 0, 1000), ResponseTypes.instanceOf(FhirSubscriptions.class)).join();
        assertThat(offOnes.subscriptions()).extracting(FhirSubscription::subscriptionId).contains(id);
    }

    @Test
    void aRefusedSubscriptionIsKeptNowhere() {
        String id = newId("refused");
        assertThatThrownBy(() -> commands.sendAndWait(new CreateSubscriptionCommand(id,
                SubscriptionTopic.REPORT_FINALIZED, null, new SubscriptionChannel("ftp://ehr.example/hook", List.of(),
                        "application/fhir+json", SubscriptionPayload.EMPTY), null, null)))
                .isInstanceOfSatisfying(CommandRefusedException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(RefusalCode.INVALID);
                    assertThat(refused.getMessage()).contains("absolute http or https URL");
                });
        assertThatThrownBy(() -> commands.sendAndWait(new DeleteSubscriptionCommand(id)))
                .isInstanceOfSatisfying(CommandRefusedException.class,
                        refused -> assertThat(refused.code()).isEqualTo(RefusalCode.UNKNOWN));

        DomainEventStream stored = eventStore.readEvents(id);
        assertThat(stored.hasNext()).isFalse();
        assertThat(find(id)).isNull();
    }

    /** More subscriptions to notify than one search returns: all are answered, and only those. */
    @Test
    void theSubscriptionsToNotifyAreAllThoseActiveNotEndedOfTheTopicForEveryPatientOrTheOne() {
        String patient = newId("pat");
        String batch = newId("many");
        List<CompletableFuture<Object>> sent = new ArrayList<>();
        List<String> forThePatient = new ArrayList<>();
        for (int i = 0; i < 520; i++) {
            String id = batch + "-" + i;
            forThePatient.add(id);
            sent.add(commands.send(new CreateSubscriptionCommand(id, SubscriptionTopic.REPORT_FINALIZED, patient,
                    channel(SubscriptionPayload.EMPTY), null, null)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
        String otherPatient = newId("other-patient");
        create(otherPatient, SubscriptionTopic.REPORT_FINALIZED, "not-" + patient, null);
        String otherTopic = newId("other-topic");
        create(otherTopic, SubscriptionTopic.STUDY_AVAILABLE, patient, null);
        String deleted = newId("deleted");
        create(deleted, SubscriptionTopic.REPORT_FINALIZED, patient, null);
        commands.sendAndWait(new DeleteSubscriptionCommand(deleted));
        String endingSoon = newId("ending");
        create(endingSoon, SubscriptionTopic.REPORT_FINALIZED, patient, Instant.now().plusSeconds(3));
        String everyPatient = newId("every-patient");
        create(everyPatient, SubscriptionTopic.REPORT_FINALIZED, null, null);

        eventually(() -> find(everyPatient), found -> found != null);
        eventually(() -> find(deleted), found -> found != null && found.status() == FhirSubscriptionStatus.OFF);
        List<String> active = eventually(() -> activeIds(SubscriptionTopic.REPORT_FINALIZED, patient),
                ids -> !ids.contains(endingSoon) && ids.containsAll(forThePatient));
        assertThat(active).contains(everyPatient).doesNotContain(otherPatient, otherTopic, deleted, endingSoon)
                .doesNotHaveDuplicates();
        assertThat(active.stream().filter(id -> id.startsWith(batch))).hasSize(520);
        assertThat(find(endingSoon).status()).as("ended").isEqualTo(FhirSubscriptionStatus.OFF);
        assertThat(activeIds(SubscriptionTopic.REPORT_FINALIZED, null)).contains(everyPatient)
                .doesNotContain(forThePatient.get(0), otherPatient);

        FhirSubscriptions newest = queries.query(new SearchFhirSubscriptionsQuery(FhirSubscriptionStatus.ACTIVE,
                SubscriptionTopic.REPORT_FINALIZED, 0, 2), ResponseTypes.instanceOf(FhirSubscriptions.class)).join();
        assertThat(newest.subscriptions()).hasSize(2);
        assertThat(newest.total()).as("exact, beyond 520").isGreaterThanOrEqualTo(522);
        assertThat(newest.subscriptions().get(0).lastUpdated())
                .isAfterOrEqualTo(newest.subscriptions().get(1).lastUpdated());
    }

    /**
     * Past the snapshot threshold the subscription loads from its snapshot, which holds its numbering; each
     * notification is a delivery of its own, counted for the subscription apart from the HL7 destinations.
     */
    @Test
    void aSubscriptionNotifiedManyTimesIsSnapshottedAndItsNotificationsAreDeliveriesInInterfaceHealth() {
        String id = newId("snap");
        create(id, SubscriptionTopic.STUDY_AVAILABLE, null, null);
        for (int i = 1; i <= 120; i++) {
            commands.sendAndWait(new NotifySubscriptionCommand(id, "2.25." + i, 1000 + i));
        }
        commands.sendAndWait(new NotifySubscriptionCommand(id, "2.25.120", 1120));

        Integer snapshots = eventually(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class, id),
                count -> count > 0);
        assertThat(snapshots).isPositive();
        DomainEventMessage<?> snapshot = eventStore.readEvents(id).next();
        assertThat(snapshot.getPayloadType().getName()).isEqualTo("org.rispacs.command.subscription.Subscription");
        JsonNode state = new ObjectMapper().findAndRegisterModules().valueToTree(snapshot.getPayload());
        assertThat(state.get("subscriptionId").asText()).isEqualTo(id);
        assertThat(state.get("lastEventNumber").asLong()).isEqualTo(snapshot.getSequenceNumber());
        assertThat(state.get("highestTriggerPosition").asLong()).isEqualTo(1000 + snapshot.getSequenceNumber());
        assertThat(state.get("recentTriggerPositions")).as("the triggers a late one is told apart from")
                .hasSize((int) snapshot.getSequenceNumber());

        commands.sendAndWait(new NotifySubscriptionCommand(id, "2.25.121", 1121));
        FhirSubscription notified = eventually(() -> find(id), found -> found.eventsSinceStart() == 121);
        assertThat(notified.version()).as("the repeated trigger added nothing").isEqualTo(122);

        InterfaceHealth health = eventually(this::health, h -> h.fhirNotifications().stream()
                .anyMatch(d -> d.destination().equals(id) && d.pending() + d.delivered() + d.failed() == 121));
        DestinationHealth notifications = health.fhirNotifications().stream()
                .filter(d -> d.destination().equals(id)).findFirst().orElseThrow();
        assertThat(health.destinations()).extracting(DestinationHealth::destination).doesNotContain(id);
        if (notifications.pending() > 0) {
            assertThat(health.alerts()).anySatisfy(alert -> {
                assertThat(alert.kind()).isEqualTo(InterfaceAlert.DELIVERY_UNACKED);
                assertThat(alert.subject()).isEqualTo(id);
                assertThat(alert.message()).contains("notifications to FHIR subscription " + id);
            });
        }
    }

    /** Every pending delivery is overdue at once. */
    private InterfaceHealth health() {
        return queries.query(new FindInterfaceHealthQuery(Instant.now(), Duration.ZERO, Duration.ofHours(1), 0,
                List.of()), ResponseTypes.instanceOf(InterfaceHealth.class)).join();
    }
}
