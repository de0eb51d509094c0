package org.rispacs.app.support;

import java.io.IOException;
import java.nio.file.Files;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The settings an integration test's application context needs, one group per real dependency. */
public final class TestProperties {

    private TestProperties() {
    }

    /** What most integration tests run on: a fresh data directory, the machine's PostgreSQL, the test node. */
    public static void realDependencies(DynamicPropertyRegistry registry) throws IOException {
        freshDataDir(registry);
        postgresSchema(registry);
        sharedElasticsearch(registry);
    }

    /** Report deliveries to "EHR" retried after a second, with deadlines polled often. */
    public static void quickDeliveryRetries(DynamicPropertyRegistry registry, int maxAttempts) {
        registry.add("ris.workflow.report-destinations", () -> "EHR");
        registry.add("ris.workflow.report-delivery.max-attempts", () -> String.valueOf(maxAttempts));
        registry.add("ris.workflow.report-delivery.initial-delay", () -> "1s");
        registry.add("db-scheduler.polling-interval", () -> "500ms");
    }

    /** A data directory of its own (embedded database, archive, ...). */
    public static void freshDataDir(DynamicPropertyRegistry registry) throws IOException {
        String dataDir = Files.createTempDirectory("ris-it-data").toString();
        registry.add("ris.data-dir", () -> dataDir);
        loopbackListeners(registry);
        integrationUser(registry);
    }

    /** The account the tests call the REST API with ({@link TestApi}), holding every role. */
    public static void integrationUser(DynamicPropertyRegistry registry) {
        registry.add("ris.security.integration-user", () -> TestApi.USER);
        registry.add("ris.security.integration-password", () -> TestApi.PASSWORD);
        registry.add("ris.security.integration-roles", () -> TestApi.ROLES);
    }

    /** Listeners on free loopback ports, never on the defaults a running installation may hold. */
    public static void loopbackListeners(DynamicPropertyRegistry registry) {
        registry.add("ris.dicom.port", () -> "0");
        registry.add("ris.dicom.bind-address", () -> "127.0.0.1");
        registry.add("ris.hl7.port", () -> "0");
        registry.add("ris.hl7.bind-address", () -> "127.0.0.1");
    }

    /** The test JVM's Elasticsearch node, with indices of this context's own. */
    public static void sharedElasticsearch(DynamicPropertyRegistry registry) {
        registry.add("ris.elasticsearch.url", () -> TestElasticsearch.url().toString());
        String prefix = "it-" + UUID.randomUUID() + "-";
        registry.add("ris.elasticsearch.index-prefix", () -> prefix);
    }

    /** The machine's PostgreSQL, in a schema of this context's own. */
    public static void postgresSchema(DynamicPropertyRegistry registry) {
        String schema = TestPostgres.newSchema();
        registry.add("spring.datasource.url", () -> TestPostgres.urlFor(schema));
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.flyway.schemas", () -> schema);
        // many test contexts share the machine's server (max_connections 100 by default)
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
    }
}
