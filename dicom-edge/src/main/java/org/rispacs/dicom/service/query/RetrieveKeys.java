package org.rispacs.dicom.service.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.StandardDictionary;

/** The unique keys of a C-MOVE or C-GET identifier that name what to retrieve (PS3.4 C.4.2.2.1, C.4.3.2.1). */
final class RetrieveKeys {

    private static final Map<String, String> LEVEL_KEYS = Map.of("PATIENT", "PatientID", "STUDY", "StudyInstanceUID",
            "SERIES", "SeriesInstanceUID", "IMAGE", "SOPInstanceUID");

    private RetrieveKeys() {
    }

    /**
     * The identifier's unique keys down to the level (hierarchical retrieve), by keyword; an
     * {@link IllegalArgumentException} when the level's own key is missing, or when a unique key
     * below the level is given (ignoring it would send more than was asked for).
     */
    static Map<String, String> of(Attributes identifier, String level) {
        Map<String, String> keys = new LinkedHashMap<>();
        boolean belowLevel = false;
        for (String keyword : List.of("PatientID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID")) {
            int tag = StandardDictionary.tagOf(keyword);
            String[] values = identifier.getStrings(tag);
            if (values != null && values.length > 0 && !String.join("", values).isBlank()) {
                if (belowLevel) {
                    throw new IllegalArgumentException(keyword + " is below the retrieve's level " + level);
                }
                keys.put(keyword, String.join("\\", values));
            }
            belowLevel |= keyword.equals(LEVEL_KEYS.get(level));
        }
        if (!keys.containsKey(LEVEL_KEYS.get(level))) {
            throw new IllegalArgumentException("a " + level + " level retrieve needs " + LEVEL_KEYS.get(level));
        }
        return keys;
    }
}
