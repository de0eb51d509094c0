package org.rispacs.dicom.bridge;

import java.util.Map;
import org.rispacs.api.study.ReceivedInstance;

/** The instances the workflow recorded for a study (with the checksums taken at ingest), by SOP Instance UID. */
@FunctionalInterface
public interface RecordedInstances {

    Map<String, ReceivedInstance> of(String studyInstanceUid);
}
