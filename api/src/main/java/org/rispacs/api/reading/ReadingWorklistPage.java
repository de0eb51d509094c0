package org.rispacs.api.reading;

import java.util.List;

/**
 * One page of the reading worklist and how many studies the whole list holds, so that a page can
 * say what it does not show.
 */
public record ReadingWorklistPage(
        List<ReadingWorklistItem> items,
        long total,
        int page,
        int size) {

    /** The number of the first item shown, counted from 1; 0 when the page is empty. */
    public long first() {
        return items.isEmpty() ? 0 : (long) page * size + 1;
    }

    public long last() {
        return items.isEmpty() ? 0 : (long) page * size + items.size();
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
