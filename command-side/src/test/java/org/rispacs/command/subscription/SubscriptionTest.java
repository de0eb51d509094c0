package org.rispacs.command.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rispacs.api.common.CommandRefusedException;
import org.rispacs.api.common.RefusalCode;
import org.rispacs.api.subscription.CreateSubscriptionCommand;
import org.rispacs.api.subscription.DeleteSubscriptionCommand;
import org.rispacs.api.subscription.NotifySubscriptionCommand;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionCreatedEvent;
import org.rispacs.api.subscription.SubscriptionDeletedEvent;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionNotificationTriggeredEvent;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.api.subscription.SubscriptionTopic;

class SubscriptionTest {

    static final SubscriptionChannel CHANNEL = new SubscriptionChannel("https://ehr.example/fhir-hook",
            List.of("Authorization: Bearer secret"), "application/fhir+json", SubscriptionPayload.ID_ONLY);

    private AggregateTestFixture<Subscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
    }

    private Instant inADay() {
        return fixture.currentTime().plus(Duration.ofDays(1));
    }

    private SubscriptionCreatedEvent created(Instant end) {
        return new SubscriptionCreatedEvent("s1", SubscriptionTopic.REPORT_FINALIZED, "pat-1", CHANNEL,
                "results for the EHR", end);
    }

    private static CreateSubscriptionCommand create(SubscriptionChannel channel, Instant end) {
        return new CreateSubscriptionCommand("s1", SubscriptionTopic.REPORT_FINALIZED, "pat-1", channel,
                "results for the EHR", end);
    }

    private static SubscriptionNotificationTriggeredEvent triggered(long eventNumber, String focus, long position) {
        return new SubscriptionNotificationTriggeredEvent("s1",
                new SubscriptionNotification("s1", eventNumber, SubscriptionTopic.REPORT_FINALIZED, focus), position);
    }

    private static Matcher<Throwable> refused(RefusalCode code, String message) {
        return Matchers.allOf(Matchers.instanceOf(CommandRefusedException.class),
                Matchers.hasProperty("message", Matchers.containsString(message)),
                new org.hamcrest.FeatureMatcher<Throwable, RefusalCode>(Matchers.equalTo(code), "code", "code") {
                    @Override
                    protected RefusalCode featureValueOf(Throwable actual) {
                        return ((CommandRefusedException) actual).code();
                    }
                });
    }

    @Test
    void aSubscriptionKeepsAllItWasCreatedWith() {
        Instant end = inADay();
        fixture.givenNoPriorActivity()
                .when(create(CHANNEL, end))
                .expectEvents(created(end));
    }

    @Test
    void aSubscriptionWithoutEndOrPatientIsValid() {
        fixture.givenNoPriorActivity()
                .when(new CreateSubscriptionCommand("s1", SubscriptionTopic.STUDY_AVAILABLE, null,
                        new SubscriptionChannel("http://pacs-viewer.local:8080/hook", null, "application/fhir+xml",
                                SubscriptionPayload.EMPTY), null, null))
                .expectEvents(new SubscriptionCreatedEvent("s1", SubscriptionTopic.STUDY_AVAILABLE, null,
                        new SubscriptionChannel("http://pacs-viewer.local:8080/hook", List.of(),
                                "application/fhir+xml", SubscriptionPayload.EMPTY), null, null));
    }

    @Test
    void anExistingIdIsNotCreatedAgainEvenWhenDeleted() {
        fixture.given(created(null))
                .when(create(CHANNEL, null))
                .expectException(refused(RefusalCode.ILLEGAL_TRANSITION, "subscription s1 exists already"))
                .expectNoEvents();
        fixture.given(created(null), new SubscriptionDeletedEvent("s1"))
                .when(create(CHANNEL, null))
                .expectException(refused(RefusalCode.ILLEGAL_TRANSITION, "exists already"))
                .expectNoEvents();
    }

    @Test
    void aTopicAChannelAndAPayloadAreRequired() {
        fixture.givenNoPriorActivity()
                .when(new CreateSubscriptionCommand("s1", null, null, CHANNEL, null, null))
                .expectException(refused(RefusalCode.INVALID, "the topic is required")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateSubscriptionCommand("s1", SubscriptionTopic.REPORT_FINALIZED, null, null, null, null))
                .expectException(refused(RefusalCode.INVALID, "the channel is required")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(new SubscriptionChannel(CHANNEL.endpoint(), List.of(), CHANNEL.contentType(), null), null))
                .expectException(refused(RefusalCode.INVALID, "the payload content is required")).expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/hook", "ftp://ehr.example/hook", "mailto:ehr@example.org", "https://",
            "http://bad host/hook", " "})
    void theEndpointMustBeAnAbsoluteHttpUrl(String endpoint) {
        fixture.givenNoPriorActivity()
                .when(create(new SubscriptionChannel(endpoint, List.of(), "application/fhir+json",
                        SubscriptionPayload.FULL_RESOURCE), null))
                .expectException(refused(RefusalCode.INVALID, "the channel endpoint"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/xml", "application/fhir+turtle"})
    void theContentTypeMustBeAFhirFormat(String contentType) {
        fixture.givenNoPriorActivity()
                .when(create(new SubscriptionChannel(CHANNEL.endpoint(), List.of(), contentType,
                        SubscriptionPayload.ID_ONLY), null))
                .expectException(refused(RefusalCode.INVALID,
                        "the content type must be application/fhir+json or application/fhir+xml, not " + contentType))
                .expectNoEvents();
    }

    @Test
    void anEndInThePastIsRefused() {
        fixture.givenNoPriorActivity()
                .when(create(CHANNEL, fixture.currentTime().minusSeconds(1)))
                .expectException(refused(RefusalCode.INVALID, "is not in the future"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(create(CHANNEL, fixture.currentTime()))
                .expectException(refused(RefusalCode.INVALID, "is not in the future"))
                .expectNoEvents();
    }

    @Test
    void deletingEndsTheSubscriptionOnce() {
        fixture.given(created(null))
                .when(new DeleteSubscriptionCommand("s1"))
                .expectEvents(new SubscriptionDeletedEvent("s1"));
        fixture.given(created(null), new SubscriptionDeletedEvent("s1"))
                .when(new DeleteSubscriptionCommand("s1"))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anUnknownSubscriptionIsNeitherDeletedNorNotified() {
        fixture.givenNoPriorActivity()
                .when(new DeleteSubscriptionCommand("s1"))
                .expectException(refused(RefusalCode.UNKNOWN, "no subscription s1")).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new NotifySubscriptionCommand("s1", "r1", 10))
                .expectException(refused(RefusalCode.UNKNOWN, "no subscription s1")).expectNoEvents();
    }

    @Test
    void notificationsAreNumberedFromOneInTheOrderTriggered() {
        fixture.given(created(null))
                .when(new NotifySubscriptionCommand("s1", "r1", 10))
                .expectEvents(triggered(1, "r1", 10));
        fixture.given(created(null), triggered(1, "r1", 10), triggered(2, "r2", 15))
                .when(new NotifySubscriptionCommand("s1", "r1", 42))
                .expectEvents(triggered(3, "r1", 42));
    }

    @Test
    void aTriggerAlreadyNotifiedIsARepetitionAndChangesNothing() {
        fixture.given(created(null), triggered(1, "r1", 10), triggered(2, "r2", 15))
                .when(new NotifySubscriptionCommand("s1", "r2", 15))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(created(null), triggered(1, "r1", 10), triggered(2, "r2", 15))
                .when(new NotifySubscriptionCommand("s1", "r1", 10))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aTriggerCommittedLateBehindLaterOnesIsNotified() {
        fixture.given(created(null), triggered(1, "r1", 10), triggered(2, "r2", 15))
                .when(new NotifySubscriptionCommand("s1", "r3", 12))
                .expectEvents(triggered(3, "r3", 12));
        fixture.given(created(null), triggered(1, "r1", 20_000))
                .when(new NotifySubscriptionCommand("s1", "r2", 20_000 - Subscription.LATE_TRIGGER_WINDOW + 1))
                .expectEvents(triggered(2, "r2", 20_000 - Subscription.LATE_TRIGGER_WINDOW + 1));
    }

    @Test
    void aTriggerFurtherBackThanALateEventCanComeIsAReplay() {
        fixture.given(created(null), triggered(1, "r1", 20_000))
                .when(new NotifySubscriptionCommand("s1", "r2", 20_000 - Subscription.LATE_TRIGGER_WINDOW))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        fixture.given(created(null), triggered(1, "r1", 5), triggered(2, "r2", 20_000))
                .when(new NotifySubscriptionCommand("s1", "r1", 5))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void theFirstEventOfTheStreamCanTrigger() {
        fixture.given(created(null))
                .when(new NotifySubscriptionCommand("s1", "r1", 0))
                .expectEvents(triggered(1, "r1", 0));
    }

    @Test
    void aNotificationNeedsItsFocus() {
        fixture.given(created(null))
                .when(new NotifySubscriptionCommand("s1", " ", 10))
                .expectException(refused(RefusalCode.INVALID, "the focus is required")).expectNoEvents();
    }

    @Test
    void aDeletedSubscriptionIsNotNotified() {
        fixture.given(created(null), triggered(1, "r1", 10), new SubscriptionDeletedEvent("s1"))
                .when(new NotifySubscriptionCommand("s1", "r2", 20))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void anEndedSubscriptionIsNotNotified() {
        Instant end = fixture.currentTime().plusSeconds(60);
        fixture.given(created(end))
                .when(new NotifySubscriptionCommand("s1", "r1", 10))
                .expectEvents(triggered(1, "r1", 10));
        fixture.given(created(end))
                .andGivenCurrentTime(end.plusSeconds(1))
                .when(new NotifySubscriptionCommand("s1", "r1", 10))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
