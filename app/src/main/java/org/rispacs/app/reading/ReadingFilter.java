package org.rispacs.app.reading;

import java.util.List;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.reading.FindReadingWorklistPageQuery;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistSort;
import org.rispacs.api.reading.ReportStatus;

/** The filters of the reading worklist page, empty meaning any, and the page shown (from 0). */
record ReadingFilter(String modality, OrderPriority priority, ReportStatus status, int page) {

    ReadingFilter {
        modality = modality == null || modality.isBlank() ? null : modality.strip().toUpperCase();
        page = Math.max(0, page);
    }

    FindReadingWorklistPageQuery query(int pageSize) {
        return new FindReadingWorklistPageQuery(new FindReadingWorklistQuery(
                modality == null ? null : List.of(modality), priority == null ? null : List.of(priority),
                status == null ? null : List.of(status), ReadingWorklistSort.PRIORITY, page, pageSize));
    }
}
