package org.rispacs.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

/** Input from the network may be hostile: declared lengths must be checked, never trusted. */
class ReaderSafetyTest {

    private static Attributes read(byte[] bytes, TransferSyntax syntax) throws IOException {
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(bytes))) {
            return reader.readDataset(syntax);
        }
    }

    @Test
    void aHugeDeclaredLengthThrowsInsteadOfAllocating() {
        byte[] explicit = Hex.bytes("42 00 11 00 4F 42 00 00 F0 FF FF FF 01 02 03 04");
        byte[] implicit = Hex.bytes("10 00 10 00 F0 FF FF FF 41 42");
        byte[] pixelData = Hex.bytes("E0 7F 10 00 4F 57 00 00 F0 FF FF FF 01 02");

        assertThatThrownBy(() -> read(explicit, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class).hasMessageContaining("exceeds the maximum");
        assertThatThrownBy(() -> read(implicit, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class);
        assertThatThrownBy(() -> read(pixelData, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class);
    }

    @Test
    void aLengthBeyondTheEndOfTheStreamThrows() {
        byte[] sixtyMegabytesDeclaredTenSent = Hex.bytes("42 00 11 00 4F 42 00 00 00 00 C0 03 01 02 03 04 05 06");
        byte[] cutInTheHeader = Hex.bytes("10 00 10 00 50");

        assertThatThrownBy(() -> read(sixtyMegabytesDeclaredTenSent, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class).hasMessageContaining("short");
        assertThatThrownBy(() -> read(cutInTheHeader, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class);
    }

    @Test
    void theMaximumValueLengthIsConfigurable() {
        byte[] hundredBytes = new byte[12 + 100];
        System.arraycopy(Hex.bytes("42 00 11 00 4F 42 00 00 64 00 00 00"), 0, hundredBytes, 0, 12);

        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(hundredBytes)).maxValueLength(99)
            .readDataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)).isInstanceOf(DicomFormatException.class);
    }

    @Test
    void hugeFragmentsAndItemsLongerThanTheirSequenceThrow() {
        byte[] hugeFragment = Hex.bytes("E0 7F 10 00 4F 42 00 00 FF FF FF FF FE FF 00 E0 00 00 00 00 "
            + "FE FF 00 E0 F0 FF FF FF 00");
        byte[] itemPastSequence = Hex.bytes("08 00 99 11 08 00 00 00 FE FF 00 E0 10 00 00 00 "
            + "10 00 10 00 08 00 00 00 41 42 43 44 45 46 47 48");
        byte[] elementPastItem = Hex.bytes("08 00 99 11 FF FF FF FF FE FF 00 E0 08 00 00 00 "
            + "10 00 10 00 08 00 00 00 41 42 43 44 45 46 47 48 FE FF DD E0 00 00 00 00");

        assertThatThrownBy(() -> new DicomReader(new ByteArrayInputStream(hugeFragment)).maxPixelDataLength(1 << 20)
            .readDataset(TransferSyntax.JPEG_BASELINE)).isInstanceOf(DicomFormatException.class);
        assertThatThrownBy(() -> read(itemPastSequence, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class);
        assertThatThrownBy(() -> read(elementPastItem, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class);
    }

    @Test
    void deepNestingThrowsInsteadOfOverflowingTheStack() {
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        byte[] sequenceAndItem = Hex.bytes("08 00 99 11 FF FF FF FF FE FF 00 E0 FF FF FF FF");
        for (int depth = 0; depth < 10_000; depth++) {
            nested.writeBytes(sequenceAndItem);
        }

        assertThatThrownBy(() -> read(nested.toByteArray(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN))
            .isInstanceOf(DicomFormatException.class).hasMessageContaining("nested");
    }

    @Test
    void readingStopsBeforePixelDataAndLeavesTheStreamThere() throws IOException {
        Attributes dataset = new Attributes()
            .setString(Tags.PatientName, VR.PN, "Doe^J")
            .setInt(Tags.Rows, VR.US, 2)
            .setInt(Tags.PixelData, VR.OW, 1, 2, 3, 4);
        byte[] encoded = DicomWriter.encode(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(encoded))) {
            Attributes header = reader.readDataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, Tags.PixelData);

            assertThat(reader.stopped()).isTrue();
            assertThat(header.contains(Tags.PixelData)).isFalse();
            assertThat(header.getInt(Tags.Rows)).isEqualTo(2);
            assertThat(Hex.text(reader.inputStream().readAllBytes())).isEqualTo(Hex.text(Hex.bytes(
                "E0 7F 10 00 4F 57 00 00 08 00 00 00 01 00 02 00 03 00 04 00")));
        }
    }

    @Test
    void pixelDataCanBeDropped() throws IOException {
        Attributes dataset = new Attributes().setInt(Tags.Rows, VR.US, 2).setInt(Tags.PixelData, VR.OW, 1, 2)
            .setBytes(Tags.DataSetTrailingPadding, VR.OB, new byte[4]);
        byte[] encoded = DicomWriter.encode(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Attributes read = new DicomReader(new ByteArrayInputStream(encoded)).includePixelData(false)
            .readDataset(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        assertThat(read).containsExactly(Tags.Rows, Tags.DataSetTrailingPadding);
    }
}
