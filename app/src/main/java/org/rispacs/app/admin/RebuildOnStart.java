package org.rispacs.app.admin;

import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** The command-line switch {@code --ris.rebuild-read-models=all} (or a comma-separated list) rebuilds at start. */
@Component
class RebuildOnStart implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RebuildOnStart.class);

    private final ReadModelRebuilds rebuilds;
    private final String requested;

    RebuildOnStart(ReadModelRebuilds rebuilds, @Value("${ris.rebuild-read-models:}") String requested) {
        this.rebuilds = rebuilds;
        this.requested = requested;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (requested.isBlank()) {
            return;
        }
        List<String> targets = requested.strip().equals("all") ? ReadModelRebuilds.READ_MODELS
                : Arrays.stream(requested.split(",")).map(String::strip).toList();
        for (String readModel : targets) {
            log.info("Rebuilding read model {} from the event store", readModel);
            rebuilds.rebuild(readModel);
        }
    }
}
