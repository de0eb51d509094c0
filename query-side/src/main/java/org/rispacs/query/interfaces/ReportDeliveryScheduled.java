package org.rispacs.query.interfaces;

/** Marks a signed report (index {@code signed-reports}) as sent somewhere. */
record ReportDeliveryScheduled(String reportId, boolean deliveryScheduled) {
}
