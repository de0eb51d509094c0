package org.rispacs.api.archive;

import java.util.List;

/** The answers of a {@link SearchArchiveQuery}, in a stable order; {@code more} if others follow. */
public record ArchiveSearchResult(List<ArchiveMatch> matches, boolean more) {

    public ArchiveSearchResult {
        matches = matches == null ? List.of() : List.copyOf(matches);
    }
}
