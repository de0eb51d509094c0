package org.rispacs.query.order;

/** An order document's accession, as given and as searched ({@code accessionKey}, normalised). */
record OrderAccession(String accessionNumber, String accessionKey) {
}
