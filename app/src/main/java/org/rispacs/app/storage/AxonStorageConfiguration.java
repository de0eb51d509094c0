package org.rispacs.app.storage;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC engine, token store and saga store share the one database; its tables come from
 * the Flyway migrations in {@code db/migration}, never from Axon's own schema factories.
 */
@Configuration(proxyBeanMethods = false)
class AxonStorageConfiguration {

    static final int SUBSCRIPTION_SNAPSHOT_EVENTS = 100;

    /**
     * Axon's JDBC parts take the connection of the Spring transaction as it is. Axon's default
     * wraps it so as to commit the connection itself when a unit of work commits, which would
     * commit an enclosing transaction half-way: an HL7 message's commands run in one transaction
     * (CommandsInOneTransaction) and must be kept or dropped together. Every unit of work that
     * writes runs under Spring's transaction manager, which commits at the end of the outermost one.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Events stored under names or shapes the code no longer has are read through upcasters (Axon
     * chains every {@code EventUpcaster} bean, in bean order, into the event store's reads).
     */
    @Bean
    EventUpcaster deliveryEventUpcaster() {
        return new DeliveryEventUpcaster();
    }

    @Bean
    EventUpcaster instancesReceivedEventUpcaster() {
        return new InstancesReceivedEventUpcaster();
    }

    /**
     * A FHIR subscription may be notified without end: its aggregate ({@code command.subscription}
     * names this bean) is snapshotted every {@value #SUBSCRIPTION_SNAPSHOT_EVENTS} events, so that
     * loading it reads at most that many events after the last snapshot ({@code snapshotevententry}).
     */
    @Bean
    SnapshotTriggerDefinition subscriptionSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, SUBSCRIPTION_SNAPSHOT_EVENTS);
    }

    /** Sagas are stored as bytea, as the migration declares them. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }
}
