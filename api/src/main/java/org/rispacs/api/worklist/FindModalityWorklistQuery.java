package org.rispacs.api.worklist;

/** The worklist items matching the criteria, earliest scheduled first, at most {@code limit}. */
public record FindModalityWorklistQuery(WorklistCriteria criteria, int limit) {
}
