package org.rispacs.app.order;

import org.rispacs.app.support.TestProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The zero-setup default: the embedded PostgreSQL under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderApiOnEmbeddedDatabaseIT extends OrderApiContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.freshDataDir(registry);
        TestProperties.sharedElasticsearch(registry);
    }
}
