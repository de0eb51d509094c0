package org.rispacs.app.reading;

import java.util.List;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistSort;
import org.rispacs.api.reading.ReportStatus;

/** The filters of the reading worklist page; empty means any. */
record ReadingFilter(String modality, OrderPriority priority, ReportStatus status) {

    static final int PAGE_SIZE = 100;

    ReadingFilter {
        modality = modality == null || modality.isBlank() ? null : modality.strip().toUpperCase();
    }

    FindReadingWorklistQuery query() {
        return new FindReadingWorklistQuery(modality == null ? null : List.of(modality),
                priority == null ? null : List.of(priority), status == null ? null : List.of(status),
                ReadingWorklistSort.PRIORITY, 0, PAGE_SIZE);
    }
}
