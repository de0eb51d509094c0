package org.rispacs.query.reading;

/** A reading worklist order's accession number. */
record ReadingAccession(String accessionNumber) {
}
