package org.rispacs.app.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs here, so docker-compose.yml cannot be started by the tests; this keeps it
 * honest instead: every setting it gives the application must be one of the configuration keys
 * the application declares (and the tests use), written in Spring's environment-variable form.
 */
class DockerComposeTest {

    private static final Set<String> SPRING_KEYS = Set.of(
            "spring.datasource.url", "spring.datasource.username", "spring.datasource.password");

    @Test
    void everyApplicationSettingIsADeclaredConfigurationKey() throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(Path.of("..", "docker-compose.yml"))) {
            compose = new Yaml().load(in);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> app = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("app");
        @SuppressWarnings("unchecked")
        Map<String, Object> environment = (Map<String, Object>) app.get("environment");

        Set<String> declared = new TreeSet<>(SPRING_KEYS);
        Properties defaults = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            defaults.load(in);
        }
        defaults.stringPropertyNames().forEach(declared::add);

        assertThat(environment).containsKeys("SPRING_DATASOURCE_URL", "RIS_ELASTICSEARCH_URL");
        assertThat(environment.keySet()).allSatisfy(variable ->
                assertThat(declared).as("configuration keys that %s binds to", variable)
                        .anyMatch(key -> bindsTo(variable, key)));
    }

    /** Whether Spring Boot, reading the variable from the environment, binds it to the key. */
    private static boolean bindsTo(String variable, String key) {
        var environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "x"));
        return new Binder(ConfigurationPropertySources.from(environment)).bind(key, String.class).isBound();
    }
}
