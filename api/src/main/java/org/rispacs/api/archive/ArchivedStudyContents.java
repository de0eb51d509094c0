package org.rispacs.api.archive;

import java.util.List;

/** A study with all its series and instances, ordered by series number then instance number. */
public record ArchivedStudyContents(
        ArchivedStudy study,
        List<ArchivedSeries> series,
        List<ArchivedInstance> instances) {

    public ArchivedStudyContents {
        series = series == null ? List.of() : List.copyOf(series);
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
