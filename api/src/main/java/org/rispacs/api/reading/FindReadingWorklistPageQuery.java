package org.rispacs.api.reading;

/** The page {@code criteria} asks for, with the total number of studies matching them. */
public record FindReadingWorklistPageQuery(FindReadingWorklistQuery criteria) {
}
