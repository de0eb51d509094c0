package org.rispacs.dicom.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.data.charset.SpecificCharacterSet;

/**
 * Writes the RIS's current patient and order identity into a data set, as IHE PIR asks of objects served
 * after a patient update or merge, keeping the values replaced in an Original Attributes Sequence item
 * (PS3.3 C.12.1.1.9).
 */
public final class IdentityCoercion {

    /** Reason for the Attribute Modification: reconciled against the master patient index. */
    public static final String COERCE = "COERCE";
    /** Reason for the Attribute Modification: an error (wrong worklist item, operator input) corrected. */
    public static final String CORRECT = "CORRECT";
    private static final String UTF_8 = "ISO_IR 192";
    private static final DateTimeFormatter DATE_TIME =
        DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSxx").withZone(ZoneOffset.UTC);

    /** The attributes PIR keeps current, with the identity's value for each. */
    private enum Field {
        PATIENT_ID(Tags.PatientID, VR.LO, CurrentIdentity::patientId),
        ISSUER_OF_PATIENT_ID(Tags.IssuerOfPatientID, VR.LO, CurrentIdentity::issuerOfPatientId),
        PATIENT_NAME(Tags.PatientName, VR.PN, CurrentIdentity::patientName),
        PATIENT_BIRTH_DATE(Tags.PatientBirthDate, VR.DA, CurrentIdentity::patientBirthDate),
        PATIENT_SEX(Tags.PatientSex, VR.CS, CurrentIdentity::patientSex),
        ACCESSION_NUMBER(Tags.AccessionNumber, VR.SH, CurrentIdentity::accessionNumber);

        private final int tag;
        private final VR vr;
        private final Function<CurrentIdentity, String> value;

        Field(int tag, VR vr, Function<CurrentIdentity, String> value) {
            this.tag = tag;
            this.vr = vr;
            this.value = value;
        }
    }

    private IdentityCoercion() {
    }

    /** True when {@link #apply} would change nothing. */
    public static boolean matches(Attributes dataset, CurrentIdentity current) {
        return changes(dataset, current).isEmpty();
    }

    /**
     * The data set itself when it already holds every non-null value of {@code current}; otherwise a copy
     * with those values and one more Original Attributes Sequence item holding the values they replaced.
     * When the new values cannot be encoded in the data set's character set, the copy's text is re-encoded
     * in UTF-8 and Specific Character Set becomes ISO_IR 192.
     *
     * @param reason {@link #COERCE} or {@link #CORRECT}
     */
    public static Attributes apply(Attributes dataset, CurrentIdentity current, String modifyingSystem,
                                   String reason, Instant when) {
        if (!COERCE.equals(reason) && !CORRECT.equals(reason)) {
            throw new IllegalArgumentException("the reason for an attribute modification is COERCE or CORRECT, not "
                + reason);
        }
        if (modifyingSystem == null || modifyingSystem.isBlank()) {
            throw new IllegalArgumentException("the modifying system must be named");
        }
        Objects.requireNonNull(when, "when");
        Map<Field, String> changes = changes(dataset, current);
        if (changes.isEmpty()) {
            return dataset;
        }
        Attributes coerced = dataset.copy();
        if (!encodable(coerced.characterSet(), changes, modifyingSystem)) {
            reencodeInUtf8(coerced);
        }
        Sequence originals = coerced.getSequence(Tags.OriginalAttributesSequence);
        if (originals == null) {
            originals = coerced.newSequence(Tags.OriginalAttributesSequence);
        }
        Attributes item = originals.addNewItem();
        Attributes previous = item.newSequence(Tags.ModifiedAttributesSequence).addNewItem();
        for (Field field : changes.keySet()) {
            byte[] old = coerced.getBytes(field.tag);
            if (old != null) {
                previous.setBytes(field.tag, coerced.vrOf(field.tag), old.clone());
            } else {
                previous.setBytes(field.tag, field.vr, new byte[0]);
            }
        }
        item.setString(Tags.AttributeModificationDateTime, VR.DT, DATE_TIME.format(when));
        item.setString(Tags.ModifyingSystem, VR.LO, modifyingSystem);
        item.setBytes(Tags.SourceOfPreviousValues, VR.LO, new byte[0]);
        item.setString(Tags.ReasonForTheAttributeModification, VR.CS, reason);
        changes.forEach((field, value) -> coerced.setString(field.tag, field.vr, value));
        return coerced;
    }

    private static Map<Field, String> changes(Attributes dataset, CurrentIdentity current) {
        Map<Field, String> changes = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            String wanted = field.value.apply(current);
            if (wanted != null && !normalized(field, wanted).equals(normalized(field, held(dataset, field.tag)))) {
                changes.put(field, wanted);
            }
        }
        return changes;
    }

    private static String held(Attributes dataset, int tag) {
        String[] values = dataset.getStrings(tag);
        return values == null ? "" : String.join("\\", values);
    }

    /** Trailing spaces never count; neither do a person name's trailing empty components and groups. */
    private static String normalized(Field field, String value) {
        String text = value.strip();
        if (field.vr == VR.PN) {
            int end = text.length();
            while (end > 0 && (text.charAt(end - 1) == '^' || text.charAt(end - 1) == '=')) {
                end--;
            }
            text = text.substring(0, end);
        }
        return text;
    }

    private static boolean encodable(SpecificCharacterSet characterSet, Map<Field, String> changes,
                                     String modifyingSystem) {
        try {
            for (Map.Entry<Field, String> change : changes.entrySet()) {
                characterSet.encode(change.getValue(), change.getKey().vr == VR.PN);
            }
            characterSet.encode(modifyingSystem, false);
            return true;
        } catch (IllegalArgumentException notInRepertoire) {
            return false;
        }
    }

    private static void reencodeInUtf8(Attributes dataset) {
        reencode(dataset, dataset.characterSet(), SpecificCharacterSet.of(UTF_8));
        dataset.setString(Tags.SpecificCharacterSet, VR.CS, UTF_8);
    }

    /** Decodes every text value the character set applies to and encodes it again; items with their own stay. */
    private static void reencode(Attributes dataset, SpecificCharacterSet from, SpecificCharacterSet to) {
        for (int tag : dataset.tags()) {
            Sequence sequence = dataset.getSequence(tag);
            if (sequence != null) {
                for (Attributes item : sequence) {
                    if (!item.contains(Tags.SpecificCharacterSet)) {
                        reencode(item, from, to);
                    }
                }
                continue;
            }
            VR vr = dataset.vrOf(tag);
            byte[] bytes = dataset.getBytes(tag);
            if (bytes != null && bytes.length > 0 && vr.usesSpecificCharacterSet()) {
                boolean personName = vr == VR.PN;
                dataset.setBytes(tag, vr, to.encode(from.decode(bytes, 0, bytes.length, personName), personName));
            }
        }
    }
}
