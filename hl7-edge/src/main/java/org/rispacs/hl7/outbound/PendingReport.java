package org.rispacs.hl7.outbound;

/** A report delivery attempt still to be made: where to, and what. */
public record PendingReport(String destination, ReportResult result) {
}
