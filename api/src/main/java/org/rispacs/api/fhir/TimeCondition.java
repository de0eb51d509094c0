package org.rispacs.api.fhir;

import java.time.Instant;

/**
 * An instant within {@code [from, until)} (either end open when null), or outside it when {@code outside}.
 */
public record TimeCondition(Instant from, Instant until, boolean outside) {
}
