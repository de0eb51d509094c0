package org.rispacs.query.reading;

/** Why a reading worklist order must be read again (a replaced study), or null once it was. */
record ReadingReview(String reviewReason) {
}
