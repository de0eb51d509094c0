package org.rispacs.hl7.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.hl7.ack.ErrorLocation;
import org.rispacs.hl7.ack.Hl7ErrorCode;
import org.rispacs.hl7.message.Segments;

/** Patient identity and demographics from PID (and the merged identity from MRG). */
final class PatientFields {

    private final MappingSettings settings;

    PatientFields(MappingSettings settings) {
        this.settings = settings;
    }

    /**
     * The identifier in a CX field: the first repetition that names its assigning authority
     * (CX-4.1 namespace, else CX-4.2 universal id); failing that, the first id with the
     * configured default issuer.
     */
    PatientIdentifier identifier(Segment segment, int field, ErrorLocation location) throws HL7Exception,
            MappingException {
        int repetitions = Segments.repetitions(segment, field);
        String firstId = "";
        for (int rep = 0; rep < repetitions; rep++) {
            String id = Segments.value(segment, field, rep, 1);
            if (id.isEmpty()) {
                continue;
            }
            String issuer = Segments.value(segment, field, rep, 4, 1);
            if (issuer.isEmpty()) {
                issuer = Segments.value(segment, field, rep, 4, 2);
            }
            if (!issuer.isEmpty()) {
                return new PatientIdentifier(id, issuer);
            }
            if (firstId.isEmpty()) {
                firstId = id;
            }
        }
        if (firstId.isEmpty()) {
            throw MappingException.missing(location, "the patient identifier");
        }
        if (settings.defaultIssuer().isEmpty()) {
            throw MappingException.missing(ErrorLocation.component(location.segment(), location.field(), 4),
                    "the assigning authority of patient id " + firstId
                            + " (no default issuer is configured)");
        }
        return new PatientIdentifier(firstId, settings.defaultIssuer());
    }

    PatientIdentifier patient(Segment pid) throws HL7Exception, MappingException {
        if (pid == null) {
            throw MappingException.missing(ErrorLocation.field("PID", 3), "the PID segment");
        }
        return identifier(pid, 3, ErrorLocation.field("PID", 3));
    }

    Demographics demographics(Segment pid) throws HL7Exception, MappingException {
        String family = Segments.value(pid, 5, 0, 1);
        if (family.isEmpty()) {
            throw MappingException.missing(ErrorLocation.component("PID", 5, 1), "the patient's family name");
        }
        PersonName name = new PersonName(family, blankToNull(Segments.value(pid, 5, 0, 2)),
                blankToNull(Segments.value(pid, 5, 0, 3)), blankToNull(Segments.value(pid, 5, 0, 5)),
                blankToNull(Segments.value(pid, 5, 0, 4)));
        return new Demographics(name, birthDate(pid), sex(Segments.value(pid, 8, 0, 1)));
    }

    private static LocalDate birthDate(Segment pid) throws HL7Exception, MappingException {
        String value = Segments.value(pid, 7, 0, 1);
        try {
            return Hl7Timestamps.date(value);
        } catch (DateTimeException invalid) {
            throw MappingException.at(ErrorLocation.field("PID", 7), Hl7ErrorCode.DATA_TYPE_ERROR,
                    "birth date '" + value + "' is not a valid date");
        }
    }

    /** HL7 table 0001 onto M, F, O, U: A (ambiguous) is O, N (not applicable) is U. */
    private static String sex(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "" -> null;
            case "M", "F", "O", "U" -> value.toUpperCase(Locale.ROOT);
            case "A" -> "O";
            default -> "U";
        };
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
