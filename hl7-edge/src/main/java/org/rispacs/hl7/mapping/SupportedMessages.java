package org.rispacs.hl7.mapping;

import java.util.Map;
import java.util.Set;

/** The message types, trigger events and versions we accept. */
public final class SupportedMessages {

    public static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");

    static final Map<String, Set<String>> TRIGGERS_BY_TYPE = Map.of(
            "ADT", Set.of("A01", "A04", "A08", "A31", "A40"),
            "ORM", Set.of("O01"),
            "OMI", Set.of("O23"));

    private SupportedMessages() {
    }

    public static boolean isSupportedType(String type) {
        return TRIGGERS_BY_TYPE.containsKey(type);
    }

    public static boolean isSupported(String type, String trigger) {
        return TRIGGERS_BY_TYPE.getOrDefault(type, Set.of()).contains(trigger);
    }
}
