package org.rispacs.hl7.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the site decides where the messages leave a choice.
 *
 * @param defaultIssuer       issuer for a PID-3 / MRG-1 without assigning authority; blank: such ids are refused
 * @param modalityBySection   OBR-24 values (e.g. "RAD-CT") mapped to DICOM modalities; unmapped values are
 *                            taken as the modality themselves
 * @param stationByModality   scheduled station AE title per modality, used when the message names none
 * @param defaultStation      station AE title when neither the message nor the modality names one; blank: none
 */
public record MappingSettings(
        String defaultIssuer,
        Map<String, String> modalityBySection,
        Map<String, String> stationByModality,
        String defaultStation) {

    public MappingSettings {
        defaultIssuer = defaultIssuer == null ? "" : defaultIssuer.strip();
        defaultStation = defaultStation == null ? "" : defaultStation.strip();
        modalityBySection = upperCaseKeys(modalityBySection);
        stationByModality = upperCaseKeys(stationByModality);
    }

    public static MappingSettings defaults() {
        return new MappingSettings("", Map.of(), Map.of(), "");
    }

    Optional<String> modalityFor(String section) {
        String key = section.strip().toUpperCase(Locale.ROOT);
        return key.isEmpty() ? Optional.empty() : Optional.of(modalityBySection.getOrDefault(key, key));
    }

    Optional<String> stationFor(String modality) {
        String station = modality == null ? null : stationByModality.get(modality.toUpperCase(Locale.ROOT));
        if (station != null && !station.isBlank()) {
            return Optional.of(station.strip());
        }
        return defaultStation.isEmpty() ? Optional.empty() : Optional.of(defaultStation);
    }

    private static Map<String, String> upperCaseKeys(Map<String, String> map) {
        return map == null ? Map.of() : map.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                entry -> entry.getKey().strip().toUpperCase(Locale.ROOT), entry -> entry.getValue().strip()));
    }
}
