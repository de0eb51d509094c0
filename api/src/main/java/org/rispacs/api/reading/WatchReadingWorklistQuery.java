package org.rispacs.api.reading;

/**
 * A subscription to changes of the reading worklist: its updates are the ids of orders whose
 * entry became ready or changed report status, each sent once the change is searchable. The
 * initial answer carries nothing (the list itself is {@link FindReadingWorklistQuery}).
 */
public record WatchReadingWorklistQuery() {
}
