package org.rispacs.api.reading;

/** Orders of the reading worklist; every one breaks ties by waiting time, then order id. */
public enum ReadingWorklistSort {
    /** STAT first, then the longest waiting. */
    PRIORITY,
    /** The longest waiting first, whatever the priority. */
    LONGEST_WAITING,
    /** The most recently ready first. */
    NEWEST
}
