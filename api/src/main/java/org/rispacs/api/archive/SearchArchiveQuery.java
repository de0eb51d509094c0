package org.rispacs.api.archive;

import java.util.Map;

/**
 * Searches the archive at one level (QIDO-RS, C-FIND). {@code matchKeys} maps DICOM keywords
 * ({@code PatientName}, {@code StudyDate}, ...) to values in the standard's matching forms:
 * wildcards {@code *} and {@code ?}, date and time ranges {@code from-to}, UID lists separated by
 * commas or backslashes. A key the archive cannot match on is refused with an
 * {@link IllegalArgumentException} naming it.
 *
 * @param studyInstanceUid  restricts to one study (a path's study), or null
 * @param seriesInstanceUid restricts to one series (a path's series), or null
 * @param fuzzyMatching     person names match by any name component's start, case and accents aside
 * @param limit             at most this many answers, 1 to {@link #MAX_LIMIT}
 */
public record SearchArchiveQuery(
        ArchiveLevel level,
        String studyInstanceUid,
        String seriesInstanceUid,
        Map<String, String> matchKeys,
        boolean fuzzyMatching,
        int offset,
        int limit) {

    /** The most answers one search can be given (the read model pages no deeper in one request). */
    public static final int MAX_LIMIT = 5_000;

    public SearchArchiveQuery {
        matchKeys = matchKeys == null ? Map.of() : Map.copyOf(matchKeys);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("an archive search answers 1 to " + MAX_LIMIT + " matches, not "
                    + limit);
        }
    }
}
