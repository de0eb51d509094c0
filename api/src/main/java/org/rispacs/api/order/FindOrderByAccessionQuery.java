package org.rispacs.api.order;

/** Asks for the order holding an accession number (normalised before matching). */
public record FindOrderByAccessionQuery(String accessionNumber) {
}
