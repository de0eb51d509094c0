package org.rispacs.hl7.message;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a parsed message as the flat sequence of segments it was sent as, and fields by their
 * HL7 position (PID-3.4 is field 3, component 4). Working on positions rather than on each
 * version's generated accessors keeps the mapping readable side by side with the specification.
 */
public final class Segments {

    private Segments() {
    }

    /** Every segment that carries data, in message order. */
    public static List<Segment> inOrder(Group message) throws HL7Exception {
        List<Segment> segments = new ArrayList<>();
        collect(message, segments);
        return segments;
    }

    private static void collect(Group group, List<Segment> into) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure structure : group.getAll(name)) {
                if (structure instanceof Segment segment) {
                    if (!segment.isEmpty()) {
                        into.add(segment);
                    }
                } else if (structure instanceof Group child) {
                    collect(child, into);
                }
            }
        }
    }

    /**
     * A component's value (first sub-component) as text: escape sequences decoded, formatting
     * commands such as \.br\ made a single space, surrounding whitespace stripped; "" when absent.
     * Repetitions count from 0.
     */
    public static String value(Segment segment, int field, int repetition, int component) throws HL7Exception {
        return value(segment, field, repetition, component, 1);
    }

    /** A sub-component's value, decoded and stripped as {@link #value(Segment, int, int, int)} says. */
    public static String value(Segment segment, int field, int repetition, int component, int subComponent)
            throws HL7Exception {
        if (segment == null || field > segment.numFields() || repetition >= repetitions(segment, field)) {
            return "";
        }
        String value = Terser.get(segment, field, repetition, component, subComponent);
        return value == null ? "" : decoded(segment, value).strip();
    }

    private static String decoded(Segment segment, String value) throws HL7Exception {
        Message message = segment.getMessage();
        String encodingCharacters = message == null ? null : message.getEncodingCharactersValue();
        if (encodingCharacters == null || encodingCharacters.length() < 3
                || value.indexOf(encodingCharacters.charAt(2)) < 0) {
            return value;
        }
        return Hl7Escapes.decode(value, encodingCharacters.charAt(2), characterSet(message));
    }

    /** MSH-18's character set for hexadecimal data; UTF-8 (falling back to ISO 8859-1) when not stated. */
    private static Charset characterSet(Message message) throws HL7Exception {
        String msh18 = Terser.get((Segment) message.get("MSH"), 18, 0, 1, 1);
        return Hl7Charsets.forMsh18(msh18, StandardCharsets.UTF_8).orElse(StandardCharsets.UTF_8);
    }

    public static int repetitions(Segment segment, int field) throws HL7Exception {
        return segment == null || field > segment.numFields() ? 0 : segment.getField(field).length;
    }
}
