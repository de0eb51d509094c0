package org.rispacs.api.reading;

/** One order's entry on the reading worklist, whether or not it is ready or read yet. */
public record FindReadingWorklistItemQuery(String orderId) {
}
