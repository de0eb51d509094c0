package org.rispacs.query.reading;

/** A patient's name as the reading worklist shows it: in the {@code reading-patients} index and copied to orders. */
record PatientName(String patientName) {
}
