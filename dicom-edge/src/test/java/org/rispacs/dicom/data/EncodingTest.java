package org.rispacs.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reference bytes from PS3.5 chapter 7, built by hand, written and read. */
class EncodingTest {

    private static Attributes read(String hex, TransferSyntax syntax) throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(Hex.bytes(hex)))) {
            return reader.readDataset(syntax);
        }
    }

    private static String written(Attributes dataset, TransferSyntax syntax) {
        return Hex.text(DicomWriter.encode(dataset, syntax));
    }

    @Test
    void implicitLittleEndianElementsHaveA32BitLengthAndOddValuesArePadded() throws IOException {
        Attributes dataset = new Attributes()
            .setString(Tags.PatientName, VR.PN, "Doe^J")
            .setString(Tags.StudyInstanceUID, VR.UI, "1.2.3")
            .setInt(Tags.Rows, VR.US, 512);
        String expected = "10 00 10 00 06 00 00 00 44 6F 65 5E 4A 20 "
            + "20 00 0D 00 06 00 00 00 31 2E 32 2E 33 00 "
            + "28 00 10 00 02 00 00 00 00 02";

        assertThat(written(dataset, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)).isEqualTo(Hex.text(Hex.bytes(expected)));
        Attributes back = read(expected, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertThat(back.getString(Tags.PatientName)).isEqualTo("Doe^J");
        assertThat(back.getString(Tags.StudyInstanceUID)).isEqualTo("1.2.3");
        assertThat(back.getInt(Tags.Rows)).isEqualTo(512);
        assertThat(back.vrOf(Tags.Rows)).as("VR from the dictionary").isEqualTo(VR.US);
    }

    @Test
    void explicitLittleEndianShortAndLongLengths() throws IOException {
        Attributes dataset = new Attributes()
            .setString(Tags.PatientName, VR.PN, "Doe^J")
            .setBytes(Tags.EncapsulatedDocument, VR.OB, new byte[] {1, 2, 3})
            .setString(Tags.TextValue, VR.UT, "odd");
        String expected = "10 00 10 00 50 4E 06 00 44 6F 65 5E 4A 20 "
            + "40 00 60 A1 55 54 00 00 04 00 00 00 6F 64 64 20 "
            + "42 00 11 00 4F 42 00 00 04 00 00 00 01 02 03 00";

        assertThat(written(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).isEqualTo(Hex.text(Hex.bytes(expected)));
        Attributes back = read(expected, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(back.vrOf(Tags.EncapsulatedDocument)).isEqualTo(VR.OB);
        assertThat(back.getBytes(Tags.EncapsulatedDocument)).containsExactly(1, 2, 3, 0);
        assertThat(back.getString(Tags.TextValue)).isEqualTo("odd");
    }

    @Test
    void bigEndianIsReadAndConvertedOnWrite() throws IOException {
        String bigEndian = "00 28 00 10 55 53 00 02 02 00 "
            + "00 28 01 06 53 53 00 04 FF FE 00 07 "
            + "00 10 00 10 50 4E 00 06 44 6F 65 5E 4A 20";
        Attributes dataset = read(bigEndian, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);

        assertThat(dataset.bigEndian()).isTrue();
        assertThat(dataset.getInt(Tags.Rows)).isEqualTo(512);
        assertThat(dataset.getInts(Tags.SmallestImagePixelValue)).containsExactly(-2, 7);
        assertThat(dataset.getString(Tags.PatientName)).isEqualTo("Doe^J");
        assertThat(written(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).isEqualTo(Hex.text(Hex.bytes(
            "10 00 10 00 50 4E 06 00 44 6F 65 5E 4A 20 "
            + "28 00 10 00 55 53 02 00 00 02 "
            + "28 00 06 01 53 53 04 00 FE FF 07 00")));
        assertThat(written(dataset, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)).isEqualTo(Hex.text(Hex.bytes(
            "00 10 00 10 50 4E 00 06 44 6F 65 5E 4A 20 00 28 00 10 55 53 00 02 02 00 "
            + "00 28 01 06 53 53 00 04 FF FE 00 07")));
    }

    @Test
    void nestedSequencesAreWrittenWithUndefinedLengths() throws IOException {
        Attributes dataset = new Attributes();
        Attributes item = dataset.newSequence(Tags.ReferencedSOPSequence).addNewItem();
        item.setString(Tags.ReferencedSOPClassUID, VR.UI, "1.2");
        item.newSequence(Tags.ReferencedSeriesSequence).addNewItem();
        String expected = "08 00 99 11 53 51 00 00 FF FF FF FF "
            + "FE FF 00 E0 FF FF FF FF "
            + "08 00 15 11 53 51 00 00 FF FF FF FF "
            + "FE FF 00 E0 FF FF FF FF FE FF 0D E0 00 00 00 00 "
            + "FE FF DD E0 00 00 00 00 "
            + "08 00 50 11 55 49 04 00 31 2E 32 00 "
            + "FE FF 0D E0 00 00 00 00 "
            + "FE FF DD E0 00 00 00 00";

        assertThat(written(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).isEqualTo(Hex.text(Hex.bytes(expected)));
        Attributes back = read(expected, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(back).isEqualTo(dataset);
        Attributes backItem = back.getSequence(Tags.ReferencedSOPSequence).get(0);
        assertThat(backItem.parent()).isSameAs(back);
        assertThat(backItem.getSequence(Tags.ReferencedSeriesSequence)).hasSize(1);
        assertThat(read(written(dataset, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN),
            TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)).isEqualTo(dataset);
    }

    @Test
    void definedLengthSequencesAndItemsAreRead() throws IOException {
        String implicit = "08 00 99 11 14 00 00 00 "
            + "FE FF 00 E0 0C 00 00 00 08 00 50 11 04 00 00 00 31 2E 32 00 "
            + "10 00 10 00 04 00 00 00 41 42 5E 43";

        Attributes dataset = read(implicit, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        assertThat(dataset.getSequence(Tags.ReferencedSOPSequence).get(0).getString(Tags.ReferencedSOPClassUID))
            .isEqualTo("1.2");
        assertThat(dataset.getString(Tags.PatientName)).isEqualTo("AB^C");
    }

    @Test
    void undefinedLengthUnIsASequenceInImplicitLittleEndian() throws IOException {
        String explicit = "09 00 10 10 55 4E 00 00 FF FF FF FF "
            + "FE FF 00 E0 FF FF FF FF 10 00 10 00 04 00 00 00 41 42 5E 43 FE FF 0D E0 00 00 00 00 "
            + "FE FF DD E0 00 00 00 00";

        Attributes dataset = read(explicit, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(dataset.vrOf(0x00091010)).isEqualTo(VR.SQ);
        assertThat(dataset.getSequence(0x00091010).get(0).getString(Tags.PatientName)).isEqualTo("AB^C");
    }

    @Test
    void encapsulatedPixelDataIsKeptAsFragments() throws IOException {
        String explicit = "E0 7F 10 00 4F 42 00 00 FF FF FF FF "
            + "FE FF 00 E0 00 00 00 00 "
            + "FE FF 00 E0 03 00 00 00 01 02 03 "
            + "FE FF 00 E0 04 00 00 00 AA BB CC DD "
            + "FE FF DD E0 00 00 00 00";

        Attributes dataset = read(explicit, TransferSyntax.JPEG_BASELINE);

        List<byte[]> fragments = dataset.getFragments(Tags.PixelData);
        assertThat(fragments).hasSize(3);
        assertThat(fragments.get(0)).isEmpty();
        assertThat(fragments.get(1)).containsExactly(1, 2, 3);
        assertThat(fragments.get(2)).containsExactly(0xAA, 0xBB, 0xCC, 0xDD);
        assertThat(written(dataset, TransferSyntax.JPEG_BASELINE)).as("odd fragment padded")
            .isEqualTo(Hex.text(Hex.bytes(explicit.replace("03 00 00 00 01 02 03", "04 00 00 00 01 02 03 00"))));
    }

    @Test
    void groupLengthsInADatasetAreRecomputed() {
        Attributes command = new Attributes()
            .setInt(Tags.CommandGroupLength, VR.UL, 0)
            .setString(Tags.AffectedSOPClassUID, VR.UI, "1.2.840.10008.1.1")
            .setInt(Tags.CommandField, VR.US, 0x0030);

        assertThat(written(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)).isEqualTo(Hex.text(Hex.bytes(
            "00 00 00 00 04 00 00 00 24 00 00 00 "
            + "00 00 02 00 12 00 00 00 31 2E 32 2E 38 34 30 2E 31 30 30 30 38 2E 31 2E 31 00 "
            + "00 00 00 01 02 00 00 00 30 00")));
    }
}
