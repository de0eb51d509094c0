package org.rispacs.app.readmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds what a local node needs when the operator has not said: a distribution, a JDK, a folder. */
public final class LocalNodeDefaults {

    private static final Logger log = LoggerFactory.getLogger(LocalNodeDefaults.class);

    private LocalNodeDefaults() {
    }

    /** The distribution zip's file name, as Maven Central serves it. */
    public static String zipName(String version) {
        return "elasticsearch-" + version + ".zip";
    }

    /** The zip in the local Maven repository, where the build put it. */
    public static Path mavenRepositoryZip(String version) {
        String repository = System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
        return Path.of(repository, "org", "elasticsearch", "distribution", "integ-test-zip", "elasticsearch",
                version, zipName(version));
    }

    /** The first candidate that exists; fails with every place looked at. */
    public static Path firstExisting(List<Path> candidates) {
        return candidates.stream().filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no Elasticsearch distribution found; looked at " + candidates
                                + "; set ris.elasticsearch.local.distribution or ris.elasticsearch.url"));
    }

    /** The JDK this application runs on, which is also one that runs Elasticsearch 9 (Java 21 or newer). */
    public static Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }

    /**
     * The node's folder: the preferred one under the data directory, unless the node would run as
     * another user who cannot reach it (a checkout in root's home folder, say); then a folder under
     * /var/lib named after the preferred path, so each data directory keeps its own node.
     */
    public static Path workDir(Path preferred) {
        Path absolute = preferred.toAbsolutePath().normalize();
        if (!ProcessUsers.isRoot() || ProcessUsers.isTraversableByOthers(absolute)) {
            return absolute;
        }
        String key = Integer.toHexString(absolute.toString().hashCode());
        Path fallback = Path.of("/var/lib/ris-pacs/elasticsearch", key);
        log.warn("{} is not reachable by an unprivileged user; the local Elasticsearch node keeps its data in {}",
                absolute, fallback);
        return fallback;
    }
}
