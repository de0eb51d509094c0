package org.rispacs.app.order;

import java.nio.file.Files;
import java.util.UUID;
import org.rispacs.app.support.TestElasticsearch;
import org.rispacs.app.support.TestPostgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Production's configuration: the machine's PostgreSQL server, in a schema of its own. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderApiOnPostgresIT extends OrderApiContract {

    private static final String SCHEMA = TestPostgres.newSchema();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String dataDir = Files.createTempDirectory("ris-it-data").toString();
        registry.add("ris.data-dir", () -> dataDir);
        registry.add("spring.datasource.url", () -> TestPostgres.urlFor(SCHEMA));
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("ris.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("ris.elasticsearch.index-prefix", () -> "it-" + UUID.randomUUID() + "-");
    }
}
