package org.rispacs.dicom.archive;

import java.util.Optional;

/**
 * The series the workflow recorded each archived SOP instance in, by SOP Instance UID: derived
 * from the recorded events, so it holds exactly the instances recorded, and can be rebuilt from them.
 */
@FunctionalInterface
public interface RecordedLocations {

    Optional<SeriesLocation> seriesOf(String sopInstanceUid);
}
