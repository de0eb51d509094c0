package org.rispacs.api.study;

/** Series attributes the archive answers queries with, as the series' first object carried them; any may be null. */
public record ReceivedSeriesDetails(
        Integer seriesNumber,
        String seriesDescription,
        String seriesDate,
        String seriesTime,
        String bodyPartExamined) {
}
