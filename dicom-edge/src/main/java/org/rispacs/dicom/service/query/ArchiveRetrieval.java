package org.rispacs.dicom.service.query;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.dicom.web.CurrentIdentity;

/**
 * What the Query/Retrieve MOVE and GET SCPs ask of the archive: the instances a request names,
 * and where to send them.
 */
public interface ArchiveRetrieval {

    /** One stored instance to send, with the identity it is sent with (IHE PIR). */
    record Instance(Path file, String sopInstanceUid, CurrentIdentity identity, PatientIdentifier patient) {
    }

    /**
     * The instances of the studies, series or instances the keys name (StudyInstanceUID,
     * SeriesInstanceUID, SOPInstanceUID, or PatientID at PATIENT level), at most {@code limit} + 1;
     * an {@link IllegalArgumentException} names a key that cannot be matched.
     */
    List<Instance> instances(String level, Map<String, String> keys, int limit);

    /** The address of a configured move destination. */
    Optional<InetSocketAddress> destination(String aeTitle);

    /** Records that these patients' objects are about to be sent to the destination at the calling AE's request. */
    void retrieving(String callingAeTitle, String destinationAeTitle, List<PatientIdentifier> patients);

    /** Records that these patients' objects are about to be sent back to the calling AE on its own association. */
    void getting(String callingAeTitle, List<PatientIdentifier> patients);
}
