package org.rispacs.query.reading;

import org.rispacs.api.reading.ReportStatus;

/** What a reading worklist order starts with, besides its procedure and its patient. */
record ReadingOrderPlaced(String orderId, String modality, ReportStatus reportStatus) {
}
