package org.rispacs.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The machine's PostgreSQL (not an embedded one), as production runs it. Each test class gets
 * a schema of its own named with its creation time; schemas left by runs older than a day are
 * dropped when a new one is made, since a live Spring context still uses its schema until the
 * JVM ends. There is no skipping: without the server the tests fail.
 */
public final class TestPostgres {

    public static final String URL = envOr("RIS_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = envOr("RIS_TEST_POSTGRES_USER", "postgres");
    private static final Duration STALE = Duration.ofDays(1);

    private TestPostgres() {
    }

    public static String newSchema() {
        try {
            dropStaleSchemas();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + URL + " is required by these tests and is not usable"
                    + " (start it: pg_ctlcluster --skip-systemctl-redirect <version> main start)", e);
        }
        return "it_" + Instant.now().getEpochSecond() + "_" + Integer.toHexString(
                ThreadLocalRandom.current().nextInt(0x1000000));
    }

    public static String urlFor(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void dropStaleSchemas() throws SQLException {
        long staleBefore = Instant.now().minus(STALE).getEpochSecond();
        try (Connection connection = DriverManager.getConnection(URL, USER, "");
             Statement statement = connection.createStatement()) {
            List<String> stale = new ArrayList<>();
            try (ResultSet schemas = statement.executeQuery(
                    "SELECT schema_name FROM information_schema.schemata WHERE schema_name ~ '^it_[0-9]+_'")) {
                while (schemas.next()) {
                    String name = schemas.getString(1);
                    if (Long.parseLong(name.split("_")[1]) < staleBefore) {
                        stale.add(name);
                    }
                }
            }
            for (String name : stale) {
                statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
