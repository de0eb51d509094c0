package org.rispacs.app.readmodel;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the read models live.
 *
 * @param url         an Elasticsearch node; empty to run a local node from the distribution zip
 * @param indexPrefix prepended to every index name, so installations can share a cluster
 * @param local       how to run the local node
 */
@ConfigurationProperties("ris.elasticsearch")
public record ElasticsearchProperties(
        String url,
        @DefaultValue("ris-") String indexPrefix,
        @DefaultValue Local local) {

    /**
     * @param version      the distribution version the build fetched (set from the POM)
     * @param distribution the zip; empty to look beside the jar, then in the local Maven repository
     * @param javaHome     the Java 21+ to run it; empty for the one this application runs on
     * @param workDir      its folder; empty for {@code <ris.data-dir>/elasticsearch}
     * @param runAsUser    the unprivileged user it runs as when the application runs as root
     */
    public record Local(
            String version,
            Path distribution,
            Path javaHome,
            Path workDir,
            @DefaultValue("512m") String heap,
            @DefaultValue("ris-elasticsearch") String runAsUser,
            @DefaultValue("180s") Duration startTimeout) {
    }

    public boolean hasUrl() {
        return url != null && !url.isBlank();
    }
}
