package org.rispacs.query.reading;

import java.util.List;

/** The studies reconciled to a reading worklist order besides its own. */
record AdditionalStudies(List<String> additionalStudyUids) {
}
