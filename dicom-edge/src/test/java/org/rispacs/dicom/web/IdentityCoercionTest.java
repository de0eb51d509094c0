package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;

class IdentityCoercionTest {
    private static final Instant WHEN = Instant.parse("2026-12-07T16:30:05.123456Z");

    private static Attributes received() {
        return new Attributes()
            .setString(Tags.AccessionNumber, VR.SH, "ACC1")
            .setString(Tags.PatientName, VR.PN, "Doe^Jane")
            .setString(Tags.PatientID, VR.LO, "OLD1")
            .setString(Tags.PatientBirthDate, VR.DA, "19700101")
            .setString(Tags.PatientSex, VR.CS, "F");
    }

    private static CurrentIdentity identity(String patientId, String patientName) {
        return new CurrentIdentity(patientId, null, patientName, null, null, null);
    }

    @Test
    void aDataSetHoldingTheCurrentIdentityIsReturnedItself() {
        Attributes dataset = received();
        CurrentIdentity same = new CurrentIdentity("OLD1", null, "Doe^Jane^^", "19700101", "F", "ACC1");

        assertThat(IdentityCoercion.apply(dataset, same, "RISPACS", IdentityCoercion.COERCE, WHEN))
            .isSameAs(dataset);
        assertThat(IdentityCoercion.apply(dataset, CurrentIdentity.AS_RECEIVED, "RISPACS", "CORRECT", WHEN))
            .isSameAs(dataset);
        assertThat(dataset.contains(Tags.OriginalAttributesSequence)).isFalse();
    }

    @Test
    void replacedValuesAreKeptInOneOriginalAttributesItem() {
        Attributes dataset = received();

        Attributes coerced = IdentityCoercion.apply(dataset, identity("NEW9", "Smith^Jane"), "RISPACS",
            IdentityCoercion.COERCE, WHEN);

        assertThat(coerced).isNotSameAs(dataset);
        assertThat(coerced.getString(Tags.PatientID)).isEqualTo("NEW9");
        assertThat(coerced.getString(Tags.PatientName)).isEqualTo("Smith^Jane");
        assertThat(coerced.getString(Tags.AccessionNumber)).isEqualTo("ACC1");
        assertThat(coerced.getString(Tags.PatientSex)).isEqualTo("F");
        assertThat(dataset.getString(Tags.PatientID)).as("the data set given is left alone").isEqualTo("OLD1");
        assertThat(dataset.contains(Tags.OriginalAttributesSequence)).isFalse();
        Sequence originals = coerced.getSequence(Tags.OriginalAttributesSequence);
        assertThat(originals).hasSize(1);
        Attributes item = originals.get(0);
        assertThat(item.getString(Tags.AttributeModificationDateTime)).isEqualTo("20261207163005.123456+0000");
        assertThat(item.getString(Tags.ModifyingSystem)).isEqualTo("RISPACS");
        assertThat(item.getString(Tags.ReasonForTheAttributeModification)).isEqualTo("COERCE");
        assertThat(item.contains(Tags.SourceOfPreviousValues)).isTrue();
        assertThat(item.getString(Tags.SourceOfPreviousValues)).isNull();
        Attributes previous = item.getSequence(Tags.ModifiedAttributesSequence).get(0);
        assertThat(previous.tags()).containsExactly(Tags.PatientName, Tags.PatientID);
        assertThat(previous.getString(Tags.PatientID)).isEqualTo("OLD1");
        assertThat(previous.getString(Tags.PatientName)).isEqualTo("Doe^Jane");
    }

    @Test
    void anAttributeThatWasAbsentGoesInWithAnEmptyValue() {
        CurrentIdentity withIssuer = new CurrentIdentity(null, "HOSPITAL_A", null, null, null, null);

        Attributes coerced = IdentityCoercion.apply(received(), withIssuer, "RISPACS", "CORRECT", WHEN);

        assertThat(coerced.getString(Tags.IssuerOfPatientID)).isEqualTo("HOSPITAL_A");
        Attributes previous = coerced.getSequence(Tags.OriginalAttributesSequence).get(0)
            .getSequence(Tags.ModifiedAttributesSequence).get(0);
        assertThat(previous.tags()).containsExactly(Tags.IssuerOfPatientID);
        assertThat(previous.vrOf(Tags.IssuerOfPatientID)).isEqualTo(VR.LO);
        assertThat(previous.getBytes(Tags.IssuerOfPatientID)).isEmpty();
    }

    @Test
    void aSecondCoercionAppendsASecondItem() {
        Attributes once = IdentityCoercion.apply(received(), identity("NEW9", null), "RISPACS", "COERCE", WHEN);

        Attributes twice = IdentityCoercion.apply(once, identity("NEWER7", null), "RISPACS", "CORRECT",
            WHEN.plusSeconds(60));

        Sequence originals = twice.getSequence(Tags.OriginalAttributesSequence);
        assertThat(originals).hasSize(2);
        assertThat(originals.get(0).getSequence(Tags.ModifiedAttributesSequence).get(0).getString(Tags.PatientID))
            .isEqualTo("OLD1");
        assertThat(originals.get(1).getSequence(Tags.ModifiedAttributesSequence).get(0).getString(Tags.PatientID))
            .isEqualTo("NEW9");
        assertThat(originals.get(1).getString(Tags.ReasonForTheAttributeModification)).isEqualTo("CORRECT");
        assertThat(twice.getString(Tags.PatientID)).isEqualTo("NEWER7");
        assertThat(once.getSequence(Tags.OriginalAttributesSequence)).as("the first copy is left alone").hasSize(1);
    }

    @Test
    void valuesOutsideTheCharacterSetSwitchTheDataSetToUtf8() {
        Attributes dataset = received()
            .setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100")
            .setString(Tags.InstitutionName, VR.LO, "Klinik Süd");
        dataset.setString(Tags.PatientName, VR.PN, "Müller^Hans");
        dataset.newSequence(Tags.ReferencedStudySequence).addNewItem()
            .setString(Tags.StudyDescription, VR.LO, "Schädel");
        byte[] latin1Name = dataset.getBytes(Tags.PatientName);

        Attributes coerced = IdentityCoercion.apply(dataset, identity(null, "Иванов^Иван"), "RISPACS", "COERCE",
            WHEN);

        assertThat(coerced.getString(Tags.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
        assertThat(coerced.getString(Tags.PatientName)).isEqualTo("Иванов^Иван");
        assertThat(coerced.getString(Tags.InstitutionName)).isEqualTo("Klinik Süd");
        assertThat(coerced.getBytes(Tags.InstitutionName)).as("now in UTF-8").contains(0xC3, 0xBC);
        assertThat(coerced.getSequence(Tags.ReferencedStudySequence).get(0).getString(Tags.StudyDescription))
            .isEqualTo("Schädel");
        Attributes previous = coerced.getSequence(Tags.OriginalAttributesSequence).get(0)
            .getSequence(Tags.ModifiedAttributesSequence).get(0);
        assertThat(previous.getString(Tags.PatientName)).isEqualTo("Müller^Hans");
        assertThat(dataset.getString(Tags.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
        assertThat(dataset.getBytes(Tags.PatientName)).as("the data set given is left alone").isEqualTo(latin1Name);
    }

    @Test
    void valuesInsideTheCharacterSetKeepIt() {
        Attributes dataset = received().setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");

        Attributes coerced = IdentityCoercion.apply(dataset, identity(null, "Groß^Jörg"), "RISPACS", "COERCE", WHEN);

        assertThat(coerced.getString(Tags.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
        assertThat(coerced.getBytes(Tags.PatientName)).as("Latin-1: ß is one byte").contains(0xDF);
        assertThat(coerced.getString(Tags.PatientName)).isEqualTo("Groß^Jörg");
    }

    @Test
    void aDataSetInTheDefaultRepertoireGetsUtf8ForAnAccent() {
        Attributes coerced = IdentityCoercion.apply(received(), identity(null, "Doe^Zoë"), "RISPACS", "COERCE",
            WHEN);

        assertThat(coerced.getString(Tags.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
        assertThat(coerced.getString(Tags.PatientName)).isEqualTo("Doe^Zoë");
    }

    @Test
    void anUnknownReasonOrNoModifyingSystemIsRefused() {
        Attributes dataset = received();

        assertThatThrownBy(() -> IdentityCoercion.apply(dataset, identity("NEW9", null), "RISPACS", "MERGE", WHEN))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("COERCE or CORRECT");
        assertThatThrownBy(() -> IdentityCoercion.apply(dataset, identity("NEW9", null), " ", "COERCE", WHEN))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("modifying system");
        assertThat(dataset.getString(Tags.PatientID)).isEqualTo("OLD1");
        assertThat(dataset.contains(Tags.OriginalAttributesSequence)).isFalse();
    }
}
