package org.rispacs.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.rispacs.dicom.data.charset.SpecificCharacterSet;

class AttributesTest {

    @Test
    void stringsAreSplitOnBackslashAndUnpadded() {
        Attributes dataset = new Attributes()
            .setBytes(Tags.ImageType, VR.CS, " ORIGINAL\\PRIMARY \\AXIAL ".getBytes(StandardCharsets.US_ASCII))
            .setBytes(Tags.SOPInstanceUID, VR.UI, "1.2.3\0".getBytes(StandardCharsets.US_ASCII))
            .setBytes(Tags.StudyDescription, VR.LO, new byte[0])
            .setString(Tags.ImageComments, VR.LT, "  keeps leading\\and backslash  ");

        assertThat(dataset.getStrings(Tags.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
        assertThat(dataset.getString(Tags.ImageType)).isEqualTo("ORIGINAL");
        assertThat(dataset.getString(Tags.SOPInstanceUID)).isEqualTo("1.2.3");
        assertThat(dataset.getString(Tags.StudyDescription)).isNull();
        assertThat(dataset.getStrings(Tags.StudyDescription)).isEmpty();
        assertThat(dataset.getString(Tags.PatientID)).isNull();
        assertThat(dataset.getString(Tags.ImageComments)).isEqualTo("  keeps leading\\and backslash");
    }

    @Test
    void numbersInBinaryAndDecimalString() {
        Attributes dataset = new Attributes()
            .setInt(Tags.SeriesNumber, VR.IS, 7)
            .setString(Tags.InstanceNumber, VR.IS, " +12 ")
            .setInt(Tags.Rows, VR.US, 0xFFFF)
            .setInt(Tags.SmallestImagePixelValue, VR.SS, -5)
            .setInt(Tags.OffendingElement, VR.AT, Tags.PatientName)
            .setDouble(Tags.SliceThickness, VR.DS, 2.5)
            .setDouble(Tags.ExposureTimeInms, VR.FD, 0.25);

        assertThat(dataset.getInt(Tags.SeriesNumber)).isEqualTo(7);
        assertThat(dataset.getInt(Tags.InstanceNumber)).isEqualTo(12);
        assertThat(dataset.getInt(Tags.Rows)).isEqualTo(65535);
        assertThat(dataset.getString(Tags.Rows)).isEqualTo("65535");
        assertThat(dataset.getInt(Tags.SmallestImagePixelValue)).isEqualTo(-5);
        assertThat(dataset.getInt(Tags.OffendingElement)).isEqualTo(Tags.PatientName);
        assertThat(dataset.getString(Tags.OffendingElement)).isEqualTo("00100010");
        assertThat(dataset.getString(Tags.SliceThickness)).isEqualTo("2.5");
        assertThat(dataset.getDouble(Tags.ExposureTimeInms)).isEqualTo(0.25);
        assertThat(dataset.getInt(Tags.PatientName)).isNull();
    }

    @Test
    void tagsIterateInUnsignedOrder() {
        Attributes dataset = new Attributes()
            .setBytes(Tags.DataSetTrailingPadding, VR.OB, new byte[2])
            .setInt(Tags.Rows, VR.US, 1)
            .setString(Tags.PatientName, VR.PN, "A");

        assertThat(dataset).containsExactly(Tags.PatientName, Tags.Rows, Tags.DataSetTrailingPadding);
        assertThat(dataset.size()).isEqualTo(3);
        assertThat(dataset.remove(Tags.Rows)).isTrue();
        assertThat(dataset.contains(Tags.Rows)).isFalse();
    }

    @Test
    void itemsInheritTheCharacterSetOfTheirParent() {
        Attributes dataset = new Attributes().setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        Attributes item = dataset.newSequence(Tags.OtherPatientIDsSequence).addNewItem();
        item.setString(Tags.PatientName, VR.PN, "Müller^Jürgen");

        assertThat(item.characterSet().definedTerms()).containsExactly("ISO_IR 192");
        assertThat(item.getBytes(Tags.PatientName)).startsWith("Müller^Jürgen".getBytes(StandardCharsets.UTF_8));
        assertThat(item.getString(Tags.PatientName)).isEqualTo("Müller^Jürgen");
        assertThat(new Attributes().characterSet()).isSameAs(SpecificCharacterSet.DEFAULT);

        dataset.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        assertThat(item.getString(Tags.PatientName)).as("decoded with the new character set")
            .isEqualTo(new String("Müller^Jürgen".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void anItemOfTheOtherByteOrderIsConvertedWhenAdded() {
        Attributes bigEndianItem = new Attributes(true).setInt(Tags.Rows, VR.US, 0x0102);
        Attributes dataset = new Attributes();
        dataset.newSequence(Tags.ReferencedImageSequence).add(bigEndianItem);

        assertThat(bigEndianItem.bigEndian()).isFalse();
        assertThat(bigEndianItem.getBytes(Tags.Rows)).containsExactly(0x02, 0x01);
        assertThat(bigEndianItem.getInt(Tags.Rows)).isEqualTo(0x0102);
    }

    @Test
    void copiesAreDeep() {
        Attributes dataset = new Attributes();
        dataset.newSequence(Tags.ReferencedImageSequence).addNewItem().setString(Tags.ReferencedSOPInstanceUID,
            VR.UI, "1.2");
        Attributes copy = dataset.copy();
        copy.getSequence(Tags.ReferencedImageSequence).get(0).setString(Tags.ReferencedSOPInstanceUID, VR.UI, "9");

        assertThat(dataset.getSequence(Tags.ReferencedImageSequence).get(0).getString(Tags.ReferencedSOPInstanceUID))
            .isEqualTo("1.2");
        assertThat(copy).isNotEqualTo(dataset);
    }
}
