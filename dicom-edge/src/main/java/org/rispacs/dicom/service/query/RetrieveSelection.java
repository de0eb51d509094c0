package org.rispacs.dicom.service.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.dicom.dimse.DimseResponse;

/**
 * What a C-MOVE or C-GET names (PS3.4 C.4.2.2.1, C.4.3.2.1): the instances of its unique keys, or
 * the refusal sent before anything is: 0xC000 for keys that cannot be matched, 0xA701 for more
 * instances than one retrieve sends.
 */
record RetrieveSelection(List<ArchiveRetrieval.Instance> instances, DimseResponse refusal) {

    private static final int UNABLE_TO_CALCULATE_MATCHES = 0xA701;
    private static final int UNABLE_TO_PROCESS = 0xC000;

    static RetrieveSelection of(ArchiveRetrieval archive, QueryIdentifier identifier, int maxInstances,
                                String verb) {
        List<ArchiveRetrieval.Instance> instances;
        try {
            Map<String, String> keys = RetrieveKeys.of(identifier.keys(), identifier.level());
            instances = archive.instances(identifier.level(), keys, maxInstances);
        } catch (IllegalArgumentException refused) {
            return new RetrieveSelection(List.of(), DimseResponse.failure(UNABLE_TO_PROCESS, refused.getMessage()));
        }
        if (instances.size() > maxInstances) {
            return new RetrieveSelection(List.of(), DimseResponse.failure(UNABLE_TO_CALCULATE_MATCHES,
                    "more than " + maxInstances + " instances; " + verb + " fewer at a time"));
        }
        return new RetrieveSelection(instances, null);
    }

    /** The patients whose objects are sent, each once. */
    List<PatientIdentifier> patients() {
        return instances.stream().map(ArchiveRetrieval.Instance::patient).filter(Objects::nonNull).distinct().toList();
    }
}
