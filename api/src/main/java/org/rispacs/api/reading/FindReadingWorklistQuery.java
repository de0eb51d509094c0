package org.rispacs.api.reading;

import java.util.List;
import org.rispacs.api.order.OrderPriority;

/**
 * Studies ready to read. Empty filters match everything; without report statuses the list holds
 * the studies still to be signed (NONE, DRAFT, PRELIMINARY) and those whose report must be reviewed.
 */
public record FindReadingWorklistQuery(
        List<String> modalities,
        List<OrderPriority> priorities,
        List<ReportStatus> reportStatuses,
        ReadingWorklistSort sort,
        int page,
        int size) {
}
