package org.rispacs.app.storage;

import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC engine, token store and saga store share the one database; its tables come from
 * the Flyway migrations in {@code db/migration}, never from Axon's own schema factories.
 */
@Configuration(proxyBeanMethods = false)
class AxonStorageConfiguration {

    /** Sagas are stored as bytea, as the migration declares them. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema();
    }
}
