package org.rispacs.app.order;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rispacs.app.support.TestProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The zero-setup default: the embedded PostgreSQL under a fresh data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderApiOnEmbeddedDatabaseIT extends OrderApiContract {

    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestProperties.freshDataDir(registry);
        TestProperties.sharedElasticsearch(registry);
    }

    @Test
    void theEmbeddedServerMakesEveryCommitDurableBeforeItIsAcknowledged() {
        // the embedded-database library turns both off by default, for throw-away test databases
        assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
    }
}
