package org.rispacs.fhir.subscription;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.api.delivery.DueDeliveryAttempt;
import org.rispacs.api.delivery.FindDueDeliveryAttemptCommand;
import org.rispacs.api.delivery.RecordDeliveryAttemptCommand;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FindFhirSubscriptionQuery;
import org.rispacs.api.subscription.SubscriptionChannel;
import org.rispacs.api.subscription.SubscriptionNotification;
import org.rispacs.api.subscription.SubscriptionPayload;
import org.rispacs.fhir.server.FhirCommandRequests;
import org.rispacs.hl7.outbound.DeliveryQueue;
import org.rispacs.hl7.outbound.TrackedDeliverySender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the attempts of FHIR notification deliveries as the HL7 sender makes those of reports: asks
 * the delivery which attempt is due, POSTs the notification Bundle ({@link NotificationBundles}) to
 * the subscription's rest-hook endpoint with its headers, and records the outcome (a 2xx delivers;
 * anything else, or no answer, is retried with back-off by the delivery, then fails). The
 * notifications of a subscription go one at a time, in the order they were scheduled
 * ({@link DeliveryQueue}, one queue per subscription): a receiver that was down gets them in order
 * once it is back. An endpoint the operator no longer allows is not called: the attempt fails.
 */
public final class NotificationSender implements TrackedDeliverySender {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationSender.class);
    private static final String QUEUE_PREFIX = "fhir-subscription:";

    private final DeliveryQueue queue;
    private final CommandGateway commands;
    private final QueryGateway queries;
    private final FocusResources focus;
    private final NotificationFacts facts;
    private final RestHookClient restHooks;
    private final AllowedEndpoints endpoints;
    private final FhirContext context;
    private final Supplier<String> serverBase;

    /** @param serverBase our FHIR server's public base URL, which notifications name their resources by */
    public NotificationSender(DeliveryQueue queue, CommandGateway commands, QueryGateway queries,
                              FocusResources focus, NotificationFacts facts, RestHookClient restHooks,
                              AllowedEndpoints endpoints, FhirContext context,
                              Supplier<String> serverBase) {
        this.queue = queue;
        this.commands = commands;
        this.queries = queries;
        this.focus = focus;
        this.facts = facts;
        this.restHooks = restHooks;
        this.endpoints = endpoints;
        this.context = context;
        this.serverBase = serverBase;
    }

    @Override
    public void scheduled(String deliveryId, DeliveryKind kind, String destination) {
        if (kind != DeliveryKind.FHIR_NOTIFICATION) {
            return;
        }
        queue.append(deliveryId, QUEUE_PREFIX + destination);
        if (queue.head(QUEUE_PREFIX + destination).filter(deliveryId::equals).isPresent()) {
            due(deliveryId).filter(d -> d.attempt() == 1).ifPresent(this::attempt);
        }
    }

    @Override
    public void attempt(String deliveryId, int attempt, DeliveryKind kind) {
        Optional<DueDeliveryAttempt> due = due(deliveryId).filter(d -> d.attempt() == attempt && d.kind() == kind);
        if (due.isEmpty()) {
            LOG.debug("attempt {} of {} is not due, nothing sent", attempt, deliveryId);
            return;
        }
        attempt(due.get());
    }

    @Override
    public void finished(String deliveryId, DeliveryKind kind, String destination) {
        if (kind != DeliveryKind.FHIR_NOTIFICATION) {
            return;
        }
        queue.remove(deliveryId);
        queue.head(QUEUE_PREFIX + destination).flatMap(this::due).ifPresent(this::attempt);
    }

    private Optional<DueDeliveryAttempt> due(String deliveryId) {
        return Optional.ofNullable(commands.sendAndWait(new FindDueDeliveryAttemptCommand(deliveryId)));
    }

    /** A notification ready to POST, or the reason it cannot be sent. */
    private record Prepared(FhirSubscription subscription, String body, String notSent) {
    }

    /**
     * A failure to read what the notification needs (the query bus, a read model) is the attempt's
     * outcome, retried with back-off like an endpoint that does not answer: skipping the event would
     * leave the delivery pending for ever.
     */
    private void attempt(DueDeliveryAttempt due) {
        Prepared prepared;
        try {
            prepared = prepare(due);
        } catch (RuntimeException failure) {
            LOG.warn("notification {} not prepared", due.deliveryId(), failure);
            prepared = new Prepared(null, null, "not sent: " + failure);
        }
        if (prepared.notSent() != null) {
            record(due, new RestHookClient.Outcome(false, null, prepared.notSent()), "not sent");
            return;
        }
        SubscriptionChannel channel = prepared.subscription().channel();
        RestHookClient.Outcome outcome = restHooks.post(channel.endpoint(), channel.headers(), channel.contentType(),
                prepared.body());
        record(due, outcome, "POST " + channel.endpoint() + " event " + due.notification().eventNumber());
    }

    private Prepared prepare(DueDeliveryAttempt due) {
        SubscriptionNotification notification = due.notification();
        if (due.kind() != DeliveryKind.FHIR_NOTIFICATION || notification == null) {
            return new Prepared(null, null, "no FHIR notification to send");
        }
        Optional<FhirSubscription> subscription = queries.query(new FindFhirSubscriptionQuery(
                notification.subscriptionId()), ResponseTypes.optionalInstanceOf(FhirSubscription.class)).join();
        if (subscription.isEmpty()) {
            return new Prepared(null, null, "subscription " + notification.subscriptionId()
                    + " is not in the read model (yet)");
        }
        SubscriptionChannel channel = subscription.get().channel();
        if (!endpoints.allows(channel.endpoint())) {
            return new Prepared(null, null, "endpoint " + channel.endpoint() + " is not allowed by"
                    + " ris.fhir.subscriptions.allowed-endpoints");
        }
        Resource focused = channel.payload() == SubscriptionPayload.FULL_RESOURCE
                ? focus.focus(notification.topic(), notification.focusId()).orElse(null) : null;
        Bundle bundle = NotificationBundles.notification(subscription.get(), notification,
                facts.scheduledAt(due.deliveryId()).orElse(null), focused, serverBase.get());
        IParser parser = channel.contentType().endsWith("xml") ? context.newXmlParser() : context.newJsonParser();
        return new Prepared(subscription.get(), parser.encodeResourceToString(bundle), null);
    }

    private void record(DueDeliveryAttempt due, RestHookClient.Outcome outcome, String source) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordDeliveryAttemptCommand(
                        due.deliveryId(), due.attempt(), outcome.acknowledged(),
                        outcome.status() == null ? null : String.valueOf(outcome.status()), outcome.error()))
                .andMetaData(Map.of(AuditMetadata.ACTOR, SubscriptionTriggers.ACTOR, AuditMetadata.CHANNEL,
                        FhirCommandRequests.CHANNEL, AuditMetadata.SOURCE, source)));
    }
}
