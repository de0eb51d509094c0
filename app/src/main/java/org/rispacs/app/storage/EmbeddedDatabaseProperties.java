package org.rispacs.app.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code spring.datasource.url} is given.
 *
 * @param port TCP port on 127.0.0.1; 0 picks a free one at each start
 */
@ConfigurationProperties("ris.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("0") int port) {
}
