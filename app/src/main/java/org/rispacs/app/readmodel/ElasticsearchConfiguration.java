package org.rispacs.app.readmodel;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.RisPacsApplication;
import org.rispacs.query.elasticsearch.ElasticsearchClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ElasticsearchConfiguration {

    /** Runs only when no {@code ris.elasticsearch.url} is configured; stopped with the application. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${ris.elasticsearch.url:}'.isBlank()")
    LocalElasticsearchNode localElasticsearchNode(ElasticsearchProperties properties,
                                                  @Value("${ris.data-dir}") Path dataDir) {
        ElasticsearchProperties.Local local = properties.local();
        Path zip = local.distribution() != null ? local.distribution() : LocalNodeDefaults.firstExisting(
                distributionCandidates(local.version()));
        Path workDir = local.workDir() != null ? local.workDir()
                : LocalNodeDefaults.workDir(dataDir.resolve("elasticsearch"));
        Path javaHome = local.javaHome() != null ? local.javaHome() : LocalNodeDefaults.javaHome();
        return LocalElasticsearchNode.start(new LocalElasticsearchNode.Settings(
                zip, workDir, javaHome, local.heap(), local.runAsUser(), local.startTimeout()));
    }

    @Bean(destroyMethod = "close")
    ElasticsearchClient elasticsearchClient(ElasticsearchProperties properties,
                                            ObjectProvider<LocalElasticsearchNode> localNode) {
        URI url = properties.hasUrl() ? URI.create(properties.url().strip()) : localNode.getObject().httpUri();
        return ElasticsearchClients.connect(url);
    }

    @Bean
    ElasticsearchHealthIndicator elasticsearchHealthIndicator(ElasticsearchClient client) {
        return new ElasticsearchHealthIndicator(client);
    }

    /** Beside the running jar (where the build copies it), then the local Maven repository. */
    private static List<Path> distributionCandidates(String version) {
        List<Path> candidates = new ArrayList<>();
        try {
            var codeSource = RisPacsApplication.class.getProtectionDomain().getCodeSource();
            if (codeSource != null) {
                String location = codeSource.getLocation().toString();
                // Inside a Boot fat jar the location reads jar:file:/…/ris-pacs.jar!/BOOT-INF/classes!/
                String jarPath = location.replaceFirst("^jar:", "").replaceFirst("!.*$", "");
                Path besides = Path.of(new URI(jarPath)).getParent();
                if (besides != null) {
                    candidates.add(besides.resolve(LocalNodeDefaults.zipName(version)));
                }
            }
        } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            // not started from a file: only the Maven repository remains
        }
        candidates.add(LocalNodeDefaults.mavenRepositoryZip(version));
        return candidates;
    }
}
