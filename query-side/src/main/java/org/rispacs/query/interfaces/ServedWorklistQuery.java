package org.rispacs.query.interfaces;

import java.time.Instant;
import java.util.List;

/** A modality worklist query served (index {@code worklist-queries}), counted for each modality it asked for. */
record ServedWorklistQuery(String callingAeTitle, List<String> modality, String scheduledStationAeTitle, int matches,
                           Instant servedAt) {
}
