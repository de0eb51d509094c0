package org.rispacs.api.fhir;

import java.time.LocalDate;

/**
 * A date within {@code [from, until)} (either end open when null), or outside it when {@code outside}.
 */
public record DateCondition(LocalDate from, LocalDate until, boolean outside) {
}
