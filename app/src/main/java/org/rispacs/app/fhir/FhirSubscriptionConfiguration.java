package org.rispacs.app.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.app.hl7.JdbcDeliveryQueue;
import org.rispacs.app.hl7.OutboundDeliveryEventHandler;
import org.rispacs.app.web.DisplayTimes;
import org.rispacs.fhir.imaging.ImagingStudyResources;
import org.rispacs.fhir.patient.IdentifierSystems;
import org.rispacs.fhir.report.DiagnosticReportResources;
import org.rispacs.fhir.subscription.AllowedEndpoints;
import org.rispacs.fhir.subscription.FocusResources;
import org.rispacs.fhir.subscription.NotificationSender;
import org.rispacs.fhir.subscription.ReadModelWait;
import org.rispacs.fhir.subscription.RestHookClient;
import org.rispacs.fhir.subscription.SubscriptionResourceProvider;
import org.rispacs.fhir.subscription.SubscriptionTriggers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * FHIR topic-based subscriptions (module hl7-edge, {@code org.rispacs.fhir.subscription}): the
 * {@code Subscription} resource (served by {@link FhirConfiguration}'s server), the triggers (their
 * own tracking processor, {@value FhirSubscriptionTriggerHandler#PROCESSING_GROUP}) and the sender of
 * the notifications, in the processor of FHIR notification deliveries (one segment, as the HL7 kinds).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class FhirSubscriptionConfiguration {

    @Bean
    AllowedEndpoints fhirSubscriptionEndpoints(FhirSubscriptionProperties properties) {
        return new AllowedEndpoints(properties.allowedEndpoints());
    }

    @Bean
    ReadModelWait fhirReadModelWait(@Value("${ris.api.read-model-wait:10s}") Duration readModelWait) {
        return new PollingReadModelWait(readModelWait);
    }

    @Bean
    SubscriptionResourceProvider fhirSubscriptionResourceProvider(CommandGateway commands, QueryGateway queries,
                                                                  ReadModelWait wait, AllowedEndpoints endpoints) {
        return new SubscriptionResourceProvider(commands, queries, wait, endpoints);
    }

    @Bean
    FhirSubscriptionTriggerHandler fhirSubscriptionTriggerHandler(CommandGateway commands, QueryGateway queries,
                                                                  ReadModelWait wait) {
        return new FhirSubscriptionTriggerHandler(new SubscriptionTriggers(commands, queries, wait));
    }

    @Bean
    OutboundDeliveryEventHandler fhirNotificationDeliveryEventHandler(
            FhirSubscriptionProperties properties, FhirProperties fhir, DisplayTimes times, FhirContext context,
            AllowedEndpoints endpoints, CommandGateway commands, QueryGateway queries, EventStore eventStore,
            JdbcTemplate jdbc, Environment environment) {
        IdentifierSystems systems = new IdentifierSystems(fhir.identifierSystems());
        FocusResources focus = new FocusResources(queries, new DiagnosticReportResources(systems, times.zone()),
                new ImagingStudyResources(systems, times.zone()));
        NotificationSender sender = new NotificationSender(new JdbcDeliveryQueue(jdbc), commands, queries, focus,
                deliveryId -> eventStore.readEvents(deliveryId).asStream().findFirst().map(EventMessage::getTimestamp),
                new RestHookClient(properties.connectTimeout(), properties.readTimeout()), endpoints, context,
                () -> serverUrl(properties, environment));
        return new OutboundDeliveryEventHandler(DeliveryKind.FHIR_NOTIFICATION, sender);
    }

    /**
     * The notifications' processor (also assigned by the HL7 outbound configuration when that is on);
     * the triggers' processor starts at the head of the stream and retries an event it failed on
     * (the query bus or a read model failing) rather than skip a notification.
     */
    @Autowired
    void assignProcessors(EventProcessingConfigurer processing) {
        DeliveryKind kind = DeliveryKind.FHIR_NOTIFICATION;
        processing.assignHandlerInstancesMatching(OutboundDeliveryEventHandler.processingGroup(kind),
                handler -> handler instanceof OutboundDeliveryEventHandler h && h.kind() == kind);
        String triggers = FhirSubscriptionTriggerHandler.PROCESSING_GROUP;
        processing.registerTrackingEventProcessorConfiguration(triggers, configuration ->
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
        processing.registerListenerInvocationErrorHandler(triggers, configuration ->
                PropagatingErrorHandler.instance());
    }

    private static String serverUrl(FhirSubscriptionProperties properties, Environment environment) {
        return Optional.ofNullable(properties.serverUrl()).filter(url -> !url.isBlank()).orElseGet(() ->
                "http://localhost:" + environment.getProperty("local.server.port",
                        environment.getProperty("server.port", "8080")) + FhirConfiguration.BASE);
    }
}
