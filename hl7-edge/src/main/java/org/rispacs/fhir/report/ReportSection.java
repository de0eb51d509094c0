package org.rispacs.fhir.report;

/** A part of a report's text: a heading ("Impression") and what follows it; the text before any heading has none. */
record ReportSection(String heading, String body) {
}
