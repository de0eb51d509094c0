package org.rispacs.app.reading;

/**
 * A prior study of the patient as the reading page lists it; any field but the UID and the link
 * may be null when the archive or the reports do not know it.
 *
 * @param impression the prior report's impression, or the start of its text
 * @param compareUrl the viewer showing the current study and this one side by side
 */
record PriorStudy(String studyInstanceUid, String date, String modalities, String description,
                  String impression, String compareUrl) {
}
