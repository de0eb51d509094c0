package org.rispacs.app.admin;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models once the application has started: those named by the command-line switch
 * {@code --ris.rebuild-read-models=all} (or a comma-separated list), and those whose index was
 * missing or made from an older definition while their processor had already been tracking the
 * event stream (a processor without tokens starts from the first event anyway).
 */
@Component
class RebuildOnStart implements SmartInitializingSingleton, ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildOnStart.class);

    private final ReadModelRebuilds rebuilds;
    private final ReadModelIndexes indexes;
    private final TokenStore tokens;
    private final String requested;
    private final Set<String> outOfDate = new LinkedHashSet<>();

    RebuildOnStart(ReadModelRebuilds rebuilds, ReadModelIndexes indexes, TokenStore tokens,
                   @Value("${ris.rebuild-read-models:}") String requested) {
        this.rebuilds = rebuilds;
        this.indexes = indexes;
        this.tokens = tokens;
        this.requested = requested;
    }

    /** Runs after every projection prepared its indices and before the event processors start. */
    @Override
    public void afterSingletonsInstantiated() {
        for (String group : indexes.groupsWithNewIndices()) {
            if (ReadModelRebuilds.READ_MODELS.contains(group) && tokens.fetchSegments(group).length > 0) {
                outOfDate.add(group);
            }
        }
    }

    @Override
    public void run(ApplicationArguments arguments) {
        Set<String> targets = new LinkedHashSet<>();
        if (!requested.isBlank()) {
            targets.addAll(requested.strip().equals("all") ? ReadModelRebuilds.READ_MODELS
                    : Arrays.stream(requested.split(",")).map(String::strip).toList());
        }
        for (String readModel : List.copyOf(outOfDate)) {
            if (targets.add(readModel)) {
                log.info("Read model {} has a new index (missing or of an older definition): rebuilding it",
                        readModel);
            }
        }
        for (String readModel : targets) {
            log.info("Rebuilding read model {} from the event store", readModel);
            rebuilds.rebuild(readModel);
        }
    }
}
