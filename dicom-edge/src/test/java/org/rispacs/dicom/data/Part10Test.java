package org.rispacs.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class Part10Test {
    static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    static Attributes sampleDataset() {
        Attributes dataset = new Attributes()
            .setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100")
            .setString(Tags.SOPClassUID, VR.UI, CT_IMAGE_STORAGE)
            .setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.4.5")
            .setString(Tags.PatientName, VR.PN, "Müller^Hans")
            .setString(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL")
            .setInt(Tags.Rows, VR.US, 2)
            .setInt(Tags.Columns, VR.US, 2)
            .setDouble(Tags.PixelSpacing, VR.DS, 0.5, 0.75);
        Attributes item = dataset.newSequence(Tags.ReferencedStudySequence).addNewItem();
        item.setString(Tags.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.3.1.2.3.1");
        item.newSequence(Tags.PurposeOfReferenceCodeSequence).addNewItem().setString(Tags.CodeValue, VR.SH, "121");
        dataset.setInt(Tags.PixelData, VR.OW, 1, 2, 3, 4);
        return dataset;
    }

    static byte[] part10(Attributes dataset, TransferSyntax syntax) throws IOException {
        Attributes fmi = DicomWriter.createFileMetaInformation(CT_IMAGE_STORAGE, "1.2.3.4.5", syntax.uid(),
            "1.2.826.0.1.3680043.10.1", "RISPACS_01", "STORESCU");
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DicomWriter writer = new DicomWriter(file)) {
            writer.writeFile(fmi, dataset);
        }
        return file.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99",
        "1.2.840.10008.1.2.2"})
    void roundTrip(String transferSyntaxUid) throws IOException {
        TransferSyntax syntax = TransferSyntax.forUid(transferSyntaxUid).orElseThrow();
        Attributes dataset = sampleDataset();
        byte[] file = part10(dataset, syntax);

        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file))) {
            Attributes fmi = reader.readFileMetaInformation();
            Attributes read = reader.readDataset();

            assertThat(reader.transferSyntax()).isEqualTo(syntax);
            assertThat(fmi.getString(Tags.MediaStorageSOPInstanceUID)).isEqualTo("1.2.3.4.5");
            assertThat(fmi.getBytes(Tags.FileMetaInformationVersion)).containsExactly(0, 1);
            assertThat(read.getString(Tags.PatientName)).isEqualTo("Müller^Hans");
            assertThat(read.getStrings(Tags.PixelSpacing)).containsExactly("0.5", "0.75");
            assertThat(read.getStrings(Tags.PixelData)).containsExactly("1", "2", "3", "4");
            Attributes expected = dataset.copy();
            if (syntax.bigEndian()) {
                expected.changeByteOrder(true);
            }
            assertThat(read).isEqualTo(expected);
        }
    }

    @Test
    void theGroupLengthCoversTheFileMetaInformation() throws IOException {
        byte[] file = part10(sampleDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(new String(file, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        assertThat(Arrays.copyOf(file, 128)).containsOnly(0);
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file))) {
            Attributes fmi = reader.readFileMetaInformation();
            int groupLengthElementEnd = 128 + 4 + 12;
            assertThat(reader.position())
                .isEqualTo(groupLengthElementEnd + fmi.getInt(Tags.FileMetaInformationGroupLength));
            assertThat(file[(int) reader.position()]).as("dataset starts with group 0008").isEqualTo((byte) 0x08);
        }
    }

    @Test
    void theDeflatedDatasetIsCompressedWithRawDeflate() throws IOException {
        Attributes dataset = sampleDataset();
        dataset.setString(Tags.StudyDescription, VR.LO, "compressible ".repeat(4));
        byte[] deflated = part10(dataset, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(new String(deflated, StandardCharsets.ISO_8859_1)).doesNotContain("Hans")
            .contains(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(deflated.length).isLessThan(part10(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).length);
    }

    @Test
    void aSkippedTopLevelValueIsNamedWithItsLengthButOneInASequenceIsNot() throws IOException {
        Attributes dataset = sampleDataset();
        dataset.setBytes(Tags.EncapsulatedDocument, VR.OB, new byte[5000]);
        dataset.newSequence(Tags.IconImageSequence).addNewItem().setBytes(Tags.PixelData, VR.OW, new byte[4000]);
        byte[] file = part10(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(file))) {
            reader.readFileMetaInformation();
            Attributes header = reader.skipValuesLongerThan(1024).readDataset();

            assertThat(header.contains(Tags.EncapsulatedDocument)).isFalse();
            assertThat(reader.skipped()).containsExactly(
                new DicomReader.SkippedValue(Tags.EncapsulatedDocument, VR.OB, 5000));
        }
    }

    @Test
    void notAPart10File() {
        byte[] noPrefix = new byte[200];

        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(noPrefix)).readFileMetaInformation())
            .isInstanceOf(DicomFormatException.class).hasMessageContaining("DICM");
    }
}
