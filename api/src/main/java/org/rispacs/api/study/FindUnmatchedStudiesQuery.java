package org.rispacs.api.study;

import java.time.Instant;

/** Studies still unmatched, optionally only those unmatched since an instant; newest first. */
public record FindUnmatchedStudiesQuery(Instant since, int page, int size) {
}
