package org.rispacs.app.hl7;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.rispacs.api.delivery.DeliveryKind;
import org.rispacs.hl7.message.Hl7Parser;
import org.rispacs.hl7.outbound.AckReader;
import org.rispacs.hl7.outbound.MessageFacts;
import org.rispacs.hl7.outbound.MllpClient;
import org.rispacs.hl7.outbound.OutboundChannel;
import org.rispacs.hl7.outbound.OutboundDeliverySender;
import org.rispacs.hl7.outbound.OutboundDestination;
import org.rispacs.hl7.outbound.OutboundMessages;
import org.rispacs.hl7.tls.MllpTls;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Outbound HL7: ORU^R01 report deliveries and DFT^P03 charge deliveries, one sender, a processor per kind. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "ris.hl7", name = "outbound-enabled", havingValue = "true", matchIfMissing = true)
class Hl7OutboundConfiguration {

    private static final int MAX_ACK_SIZE = 1 << 20;

    @Bean
    OutboundChannel hl7OutboundChannel(Hl7Properties properties, Hl7Parser parser) {
        Map<String, OutboundDestination> destinations = new LinkedHashMap<>();
        properties.destinations().forEach((name, d) -> destinations.put(name, new OutboundDestination(name, d.host(),
                d.port(), d.receivingApplication(), d.receivingFacility(), d.connectTimeout(), d.readTimeout(),
                d.tls())));
        boolean anyTls = destinations.values().stream().anyMatch(OutboundDestination::tls);
        MllpTls tls = anyTls ? MllpTls.of(properties.tls().settings()) : null;
        return new OutboundChannel(destinations, new MllpClient(MAX_ACK_SIZE, tls), new AckReader(parser));
    }

    @Bean
    OutboundMessages hl7OutboundMessages(Hl7Properties properties) {
        return new OutboundMessages(properties.application(), properties.facility(), Clock.systemDefaultZone());
    }

    @Bean
    OutboundDeliverySender hl7OutboundDeliverySender(Hl7Properties properties, EventStore eventStore,
                                                     OutboundMessages messages, OutboundChannel channel,
                                                     CommandGateway commands, JdbcTemplate jdbc) {
        // the site's local times (MPPS starts) are in the zone the application runs in, as MSH-7 is
        MessageFacts facts = new EventStoreMessageFacts(eventStore, ZoneId.systemDefault());
        return new OutboundDeliverySender(facts, messages, new JdbcDeliveryQueue(jdbc), channel, commands,
                actor(properties));
    }

    @Bean
    OutboundDeliveryEventHandler hl7ReportDeliveryEventHandler(OutboundDeliverySender sender) {
        return new OutboundDeliveryEventHandler(DeliveryKind.REPORT_RESULT, sender);
    }

    @Bean
    OutboundDeliveryEventHandler hl7ChargeDeliveryEventHandler(OutboundDeliverySender sender) {
        return new OutboundDeliveryEventHandler(DeliveryKind.CHARGE, sender);
    }

    /** Each kind's handler in its own processor. */
    @Autowired
    void assignProcessors(EventProcessingConfigurer processing) {
        for (DeliveryKind kind : DeliveryKind.values()) {
            processing.assignHandlerInstancesMatching(OutboundDeliveryEventHandler.processingGroup(kind),
                    handler -> handler instanceof OutboundDeliveryEventHandler h && h.kind() == kind);
        }
    }

    private static String actor(Hl7Properties properties) {
        return "hl7:" + properties.application() + "/" + properties.facility();
    }
}
