package org.rispacs.app.order;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.rispacs.app.support.TestElasticsearch;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The zero-setup default: the embedded PostgreSQL under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderApiOnEmbeddedDatabaseIT extends OrderApiContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dataDir = Files.createTempDirectory("ris-it-data");
        registry.add("ris.data-dir", dataDir::toString);
        registry.add("ris.elasticsearch.url", () -> TestElasticsearch.url().toString());
        registry.add("ris.elasticsearch.index-prefix", () -> "it-" + UUID.randomUUID() + "-");
    }
}
