package org.rispacs.app.hl7;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.rispacs.app.storage.CommandsInOneTransaction;
import org.rispacs.hl7.ack.AckBuilder;
import org.rispacs.hl7.inbound.InboundMessageProcessor;
import org.rispacs.hl7.inbound.InboundSettings;
import org.rispacs.hl7.inbound.MessageTransactions;
import org.rispacs.hl7.mapping.MappingSettings;
import org.rispacs.hl7.mapping.MessageMapper;
import org.rispacs.hl7.message.Hl7Parser;
import org.rispacs.hl7.mllp.MllpServer;
import org.rispacs.hl7.tls.MllpTls;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;


@Configuration(proxyBeanMethods = false)
class Hl7Configuration {

    static final String TLS_SERVER = "hl7TlsServer";

    @Bean(destroyMethod = "close")
    Hl7Parser hl7Parser() {
        return new Hl7Parser();
    }

    @Bean
    InboundMessageProcessor hl7InboundMessageProcessor(Hl7Properties properties, Hl7Parser parser,
                                                       CommandGateway commands, JdbcTemplate jdbc,
                                                       TransactionManager transactionManager,
                                                       JdbcReusedControlIds reusedControlIds) {
        MappingSettings mapping = new MappingSettings(properties.defaultIssuer(), properties.modalityBySection(),
                properties.stationByModality(), properties.defaultStation());
        return new InboundMessageProcessor(
                new InboundSettings(properties.application(), properties.facility(), properties.defaultCharset(),
                        properties.maxMessageSize()),
                parser, new MessageMapper(mapping), commands, new JdbcProcessedMessages(jdbc),
                new AckBuilder(properties.application(), properties.facility(), Clock.systemDefaultZone()),
                work -> new CommandsInOneTransaction(transactionManager, jdbc).run("inbound HL7 message", work,
                        MessageTransactions.Outcome::keep), reusedControlIds);
    }

    @Bean(destroyMethod = "close")
    @Primary
    MllpServer hl7Server(Hl7Properties properties, InboundMessageProcessor processor) throws IOException {
        return MllpServer.start(new MllpServer.Config(InetAddress.getByName(properties.bindAddress()),
                properties.port(), properties.maxConnections(), properties.maxMessageSize(),
                properties.idleTimeout()), processor);
    }

    /** The same inbound interface over TLS, on a port of its own. */
    @Bean(name = TLS_SERVER, destroyMethod = "close")
    @ConditionalOnProperty(prefix = "ris.hl7.tls", name = "enabled", havingValue = "true")
    MllpServer hl7TlsServer(Hl7Properties properties, InboundMessageProcessor processor) throws IOException {
        MllpTls tls = MllpTls.of(properties.tls().settings());
        return MllpServer.start(new MllpServer.Config(InetAddress.getByName(properties.bindAddress()),
                properties.tls().port(), properties.maxConnections(), properties.maxMessageSize(),
                properties.idleTimeout(), tls.serverSockets()), processor);
    }

    @Bean
    HealthIndicator hl7HealthIndicator(MllpServer server, Hl7Properties properties,
                                       @Qualifier(TLS_SERVER) ObjectProvider<MllpServer> tlsServer) {
        return () -> {
            MllpServer tls = tlsServer.getIfAvailable();
            boolean up = server.isRunning() && (tls == null || tls.isRunning());
            Health.Builder health = (up ? Health.up() : Health.down()).withDetail("port", server.port());
            if (tls != null) {
                health.withDetail("tlsPort", tls.port());
            }
            return health.withDetail("outboundDestinations", properties.destinations().keySet()).build();
        };
    }
}
