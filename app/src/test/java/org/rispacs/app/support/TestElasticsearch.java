package org.rispacs.app.support;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rispacs.app.readmodel.LocalElasticsearchNode;
import org.rispacs.app.readmodel.LocalNodeDefaults;

/**
 * One real Elasticsearch node per test JVM, started by the same mechanism the application uses
 * for its zero-setup default, and stopped when the JVM exits. It starts empty: indices of earlier
 * runs would otherwise pile up in its folder (kept under /var/lib when the checkout is not
 * reachable by the node's user) until the node's shard limit refuses new ones.
 */
public final class TestElasticsearch {

    private static LocalElasticsearchNode node;

    private TestElasticsearch() {
    }

    public static synchronized URI url() {
        if (node == null) {
            String version = System.getProperty("elasticsearch.version");
            if (version == null) {
                throw new IllegalStateException("system property elasticsearch.version is not set by the build");
            }
            Path zip = LocalNodeDefaults.firstExisting(List.of(
                    Path.of("target", LocalNodeDefaults.zipName(version)),
                    LocalNodeDefaults.mavenRepositoryZip(version)));
            node = LocalElasticsearchNode.startEmpty(new LocalElasticsearchNode.Settings(zip,
                    LocalNodeDefaults.workDir(Path.of("target", "test-elasticsearch")),
                    LocalNodeDefaults.javaHome(), "512m", "ris-elasticsearch", Duration.ofMinutes(3)));
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "stop-test-elasticsearch"));
        }
        return node.httpUri();
    }
}
