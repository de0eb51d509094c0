package org.rispacs.api.fhir;

import java.time.Instant;

/** An addendum to a signed report: its number (from 1), author's name, time and text. */
public record FhirReportAddendum(int number, String author, Instant at, String text) {
}
