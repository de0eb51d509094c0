package org.rispacs.app.hl7;

import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.rispacs.hl7.message.Hl7Parser;
import org.rispacs.hl7.outbound.AckReader;
import org.rispacs.hl7.outbound.ChargeDeliverySender;
import org.rispacs.hl7.outbound.MllpClient;
import org.rispacs.hl7.outbound.OutboundChannel;
import org.rispacs.hl7.outbound.OutboundDestination;
import org.rispacs.hl7.outbound.OutboundMessages;
import org.rispacs.hl7.outbound.ReportDeliverySender;
import org.rispacs.hl7.tls.MllpTls;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Outbound HL7: ORU^R01 report deliveries and DFT^P03 charge deliveries, each from a processor of its own. */
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
    EventStoreFacts hl7EventStoreFacts(EventStore eventStore) {
        // the site's local times (MPPS starts) are in the zone the application runs in, as MSH-7 is
        return new EventStoreFacts(eventStore, ZoneId.systemDefault());
    }

    @Bean
    ReportDeliveryEventHandler hl7ReportDeliveryEventHandler(Hl7Properties properties, EventStoreFacts facts,
                                                             OutboundMessages messages, OutboundChannel channel,
                                                             CommandGateway commands, JdbcTemplate jdbc) {
        return new ReportDeliveryEventHandler(new ReportDeliverySender(facts, messages, new JdbcDeliveryQueue(jdbc),
                channel, commands, actor(properties)));
    }

    @Bean
    ChargeDeliveryEventHandler hl7ChargeDeliveryEventHandler(Hl7Properties properties, EventStoreFacts facts,
                                                             OutboundMessages messages, OutboundChannel channel,
                                                             CommandGateway commands, JdbcTemplate jdbc) {
        return new ChargeDeliveryEventHandler(new ChargeDeliverySender(facts::dueCharge, messages, channel,
                new JdbcSentCharges(jdbc), commands, actor(properties)));
    }

    private static String actor(Hl7Properties properties) {
        return "hl7:" + properties.application() + "/" + properties.facility();
    }
}
