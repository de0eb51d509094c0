package org.rispacs.app.support;

import java.io.IOException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on its real dependencies ({@link TestProperties#realDependencies}), on a random HTTP port
 * ({@code @SpringBootTest(webEnvironment = NONE)} on a subclass starts no web server; its {@link #port} is then -1).
 * A subclass adds settings of its own in a {@code @DynamicPropertySource} method of another name, which Spring
 * applies as well.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Every test class keeps a context of its own (data directory, schema, indices), as when each declared its
// property source: classes adding no setting would otherwise share one.
@DirtiesContext
public abstract class ApplicationTest {

    @Value("${local.server.port:-1}")
    protected int port;
    @Autowired
    protected CommandGateway commands;
    @Autowired
    protected QueryGateway queries;
    @Autowired
    protected EventStore eventStore;

    @DynamicPropertySource
    static void realDependencies(DynamicPropertyRegistry registry) throws IOException {
        TestProperties.realDependencies(registry);
    }
}
