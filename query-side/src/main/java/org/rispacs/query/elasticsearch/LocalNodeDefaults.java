package org.rispacs.query.elasticsearch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Finds what a local node needs when the operator has not said: a distribution, a JDK, a folder. */
public final class LocalNodeDefaults {

    private static final Logger log = LoggerFactory.getLogger(LocalNodeDefaults.class);
    private static final int MINIMUM_JAVA = 21;
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

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

    /** A JDK able to run Elasticsearch 9 (Java 21 or newer): this JVM if it is one, else the newest installed. */
    public static Path javaHome() {
        if (Runtime.version().feature() >= MINIMUM_JAVA) {
            return Path.of(System.getProperty("java.home"));
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            return jdks.filter(jdk -> javaFeatureVersion(jdk).orElse(0) >= MINIMUM_JAVA)
                    .max(Comparator.comparingInt(jdk -> javaFeatureVersion(jdk).orElse(0)))
                    .orElseThrow(() -> new IllegalStateException("Elasticsearch 9 needs Java " + MINIMUM_JAVA
                            + " or newer and none is installed under /usr/lib/jvm;"
                            + " set ris.elasticsearch.local.java-home"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot look for a JDK under /usr/lib/jvm;"
                    + " set ris.elasticsearch.local.java-home", e);
        }
    }

    private static Optional<Integer> javaFeatureVersion(Path jdk) {
        try {
            Matcher version = JAVA_VERSION.matcher(Files.readString(jdk.resolve("release"), StandardCharsets.UTF_8));
            return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
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
