package org.rispacs.api.archive;

/**
 * One answer of an archive search: the study, and at series and instance level the series and
 * instance too (null above their level), so that an answer can carry the attributes of the levels
 * above it.
 */
public record ArchiveMatch(ArchivedStudy study, ArchivedSeries series, ArchivedInstance instance) {
}
