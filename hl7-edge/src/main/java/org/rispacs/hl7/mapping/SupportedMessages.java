package org.rispacs.hl7.mapping;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The message types, trigger events and versions we accept. */
public final class SupportedMessages {

    public static final Set<String> VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1",
            "2.8", "2.8.1", "2.8.2");

    /** The ADT trigger events of HL7 table 0003, A01 to A62. */
    private static final Set<String> ADT_EVENTS = IntStream.rangeClosed(1, 62)
            .mapToObj(n -> String.format("A%02d", n)).collect(Collectors.toUnmodifiableSet());

    /** ADT events that register or update the patient from their PID. */
    static final Set<String> ADT_REGISTERING = Set.of("A01", "A04", "A05", "A28");
    static final Set<String> ADT_UPDATING = Set.of("A08", "A31", "A02", "A03", "A06", "A07", "A11", "A12", "A13");
    /** ADT events whose MRG names an identity that the PID's identity replaces. */
    static final Set<String> ADT_MERGING = Set.of("A40", "A34", "A47", "A39", "A30", "A36", "A46");
    /**
     * Every other ADT event (A01 to A62) arrives in a whole EHR feed, changes nothing the RIS holds
     * (visits, accounts, links, leaves of absence) and is acknowledged AA so that it does not pile up
     * in the sender's error queue.
     */
    static final Set<String> ADT_NOTHING_TO_DO = ADT_EVENTS.stream()
            .filter(trigger -> !ADT_REGISTERING.contains(trigger) && !ADT_UPDATING.contains(trigger)
                    && !ADT_MERGING.contains(trigger))
            .collect(Collectors.toUnmodifiableSet());

    static final Map<String, Set<String>> TRIGGERS_BY_TYPE = Map.of(
            "ADT", ADT_EVENTS,
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

    /** Whether the message is acknowledged without being read: it changes nothing the RIS holds. */
    public static boolean changesNothing(String type, String trigger) {
        return type.equals("ADT") && ADT_NOTHING_TO_DO.contains(trigger);
    }
}
