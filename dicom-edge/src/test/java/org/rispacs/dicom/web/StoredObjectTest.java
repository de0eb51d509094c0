package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rispacs.dicom.web.StoredObjectFixtures.bytes;
import static org.rispacs.dicom.web.StoredObjectFixtures.image;
import static org.rispacs.dicom.web.StoredObjectFixtures.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

class StoredObjectTest {

    @TempDir
    Path folder;

    /** Three 4x3 frames of 16 bits, each sample numbered from 0 across the whole value. */
    private static Attributes threeFrames() {
        Attributes dataset = image(3, 4, 16, "MONOCHROME2", 1).setInt(Tags.NumberOfFrames, VR.IS, 3);
        int[] samples = new int[3 * 4 * 3];
        Arrays.setAll(samples, i -> i);
        return dataset.setInt(Tags.PixelData, VR.OW, samples);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"})
    void nativeFramesAreTheirSlicesOfThePixelDataAsStored(String syntaxUid) throws IOException {
        TransferSyntax syntax = TransferSyntax.forUid(syntaxUid).orElseThrow();
        Path file = write(folder.resolve("frames.dcm"), threeFrames(), syntax);
        byte[] stored = Files.readAllBytes(file);

        StoredObject object = StoredObject.open(file);

        assertThat(object.numberOfFrames()).isEqualTo(3);
        assertThat(object.encapsulated()).isFalse();
        assertThat(object.transferSyntaxUid()).isEqualTo(syntaxUid);
        assertThat(object.size()).isEqualTo(stored.length);
        assertThat(object.header().contains(Tags.PixelData)).isFalse();
        assertThat(object.header().getString(Tags.PatientID)).isEqualTo("OLD1");
        long offset = object.pixelDataOffset();
        byte[] tag = Arrays.copyOfRange(stored, (int) offset, (int) offset + 4);
        assertThat(tag).containsExactly(syntax.bigEndian() ? new byte[] {0x7F, (byte) 0xE0, 0x00, 0x10}
            : new byte[] {(byte) 0xE0, 0x7F, 0x10, 0x00});
        for (int frame = 1; frame <= 3; frame++) {
            List<ByteRange> ranges = object.frame(frame);
            assertThat(ranges).hasSize(1);
            byte[] expected = new byte[24];
            for (int sample = 0; sample < 12; sample++) {
                int value = (frame - 1) * 12 + sample;
                expected[2 * sample + (syntax.bigEndian() ? 1 : 0)] = (byte) value;
            }
            assertThat(bytes(object, ranges)).as("frame %d", frame).containsExactly(expected);
        }
    }

    @Test
    void framesOutsideTheObjectAreRefused() throws IOException {
        StoredObject object = StoredObject.open(write(folder.resolve("f.dcm"), threeFrames(),
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThatThrownBy(() -> object.frame(0)).isInstanceOf(NoSuchFrameException.class)
            .hasMessageContaining("frame 0 does not exist").hasMessageContaining("3 frame(s)");
        assertThatThrownBy(() -> object.frame(4)).isInstanceOf(NoSuchFrameException.class)
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void channelCopyAndStreamCopyGiveTheSameBytes() throws IOException {
        StoredObject object = StoredObject.open(write(folder.resolve("f.dcm"), threeFrames(),
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        List<ByteRange> ranges = List.of(object.frame(3).get(0), object.frame(1).get(0));
        ByteArrayOutputStream viaChannel = new ByteArrayOutputStream();

        object.copy(ranges, Channels.newChannel(viaChannel));

        assertThat(viaChannel.toByteArray()).hasSize(48).containsExactly(bytes(object, ranges));
        assertThat(viaChannel.toByteArray()[0]).isEqualTo((byte) 24);
        assertThatThrownBy(() -> object.copy(List.of(new ByteRange(object.size() - 2, 3)), viaChannel))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs past the end");
        assertThat(viaChannel.size()).as("nothing more written").isEqualTo(48);
    }

    @Test
    void anObjectWithoutPixelDataHasNoFrames() throws IOException {
        Attributes report = new Attributes()
            .setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.88.11")
            .setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.4")
            .setString(Tags.PatientID, VR.LO, "P1")
            .setBytes(0xFFFCFFFC, VR.OB, new byte[8]);
        StoredObject object = StoredObject.open(write(folder.resolve("sr.dcm"), report,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(object.numberOfFrames()).isZero();
        assertThat(object.pixelDataOffset()).isEqualTo(-1);
        assertThatThrownBy(() -> object.frame(1)).isInstanceOf(NoSuchFrameException.class);
    }

    @Test
    void encapsulatedFramesFollowTheBasicOffsetTable() throws IOException {
        Attributes dataset = image(8, 8, 8, "MONOCHROME2", 1).setInt(Tags.NumberOfFrames, VR.IS, 2);
        List<byte[]> items = dataset.newFragments(Tags.PixelData, VR.OB);
        byte[][] fragments = {fragment(1, 6), fragment(2, 10), fragment(3, 4), fragment(4, 2)};
        // offsets of each frame's first item tag, from the first fragment's item tag: 8 bytes per item header
        items.add(new byte[] {0, 0, 0, 0, 32, 0, 0, 0});
        items.addAll(List.of(fragments));
        StoredObject object = StoredObject.open(write(folder.resolve("bot.dcm"), dataset,
            TransferSyntax.JPEG_BASELINE));

        assertThat(object.encapsulated()).isTrue();
        assertThat(object.frame(1)).hasSize(2);
        assertThat(bytes(object, object.frame(1))).containsExactly(concat(fragments[0], fragments[1]));
        assertThat(bytes(object, object.frame(2))).containsExactly(concat(fragments[2], fragments[3]));
    }

    @Test
    void aSingleFrameIsAllItsFragments() throws IOException {
        Attributes dataset = image(8, 8, 8, "MONOCHROME2", 1);
        List<byte[]> items = dataset.newFragments(Tags.PixelData, VR.OB);
        items.add(new byte[0]);
        items.add(fragment(5, 4));
        items.add(fragment(6, 6));
        items.add(fragment(7, 2));
        StoredObject object = StoredObject.open(write(folder.resolve("one.dcm"), dataset,
            TransferSyntax.RLE_LOSSLESS));

        assertThat(object.numberOfFrames()).isEqualTo(1);
        assertThat(bytes(object, object.frame(1))).containsExactly(concat(fragment(5, 4), fragment(6, 6),
            fragment(7, 2)));
    }

    @Test
    void framesSplitOverFragmentsWithoutAnOffsetTableAreRefused() throws IOException {
        Attributes dataset = image(8, 8, 8, "MONOCHROME2", 1).setInt(Tags.NumberOfFrames, VR.IS, 2);
        List<byte[]> items = dataset.newFragments(Tags.PixelData, VR.OB);
        items.add(new byte[0]);
        items.add(fragment(1, 4));
        items.add(fragment(2, 4));
        items.add(fragment(3, 4));
        StoredObject object = StoredObject.open(write(folder.resolve("nobot.dcm"), dataset,
            TransferSyntax.JPEG_BASELINE));

        assertThatThrownBy(() -> object.frame(1)).isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("2 frames in 3 fragments without a Basic Offset Table");
    }

    @Test
    void oneBitFramesAreServedOnlyWhenTheyStartOnAByte() throws IOException {
        Attributes aligned = image(4, 4, 1, "MONOCHROME2", 1).setInt(Tags.NumberOfFrames, VR.IS, 2)
            .setBytes(Tags.PixelData, VR.OB, new byte[] {1, 2, 3, 4});
        StoredObject object = StoredObject.open(write(folder.resolve("bits.dcm"), aligned,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThat(bytes(object, object.frame(2))).containsExactly(3, 4);

        Attributes unaligned = image(3, 3, 1, "MONOCHROME2", 1).setInt(Tags.NumberOfFrames, VR.IS, 2)
            .setBytes(Tags.PixelData, VR.OB, new byte[] {1, 2, 3, 4});
        StoredObject refused = StoredObject.open(write(folder.resolve("odd.dcm"), unaligned,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThatThrownBy(() -> refused.frame(2)).isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("do not start on byte boundaries");
    }

    @Test
    void aDeflatedObjectHasFramesButNoPlaceInTheFile() throws IOException {
        StoredObject object = StoredObject.open(write(folder.resolve("deflated.dcm"), threeFrames(),
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(object.numberOfFrames()).isEqualTo(3);
        assertThat(object.pixelDataOffset()).isEqualTo(-1);
        assertThat(object.header().getString(Tags.PatientName)).isEqualTo("Doe^Jane");
        assertThatThrownBy(() -> object.frame(1)).isInstanceOf(UnsupportedOperationException.class)
            .hasMessageContaining("deflated");
    }

    @Test
    void pixelDataRunningPastTheEndOfTheFileIsRefused() throws IOException {
        Path file = write(folder.resolve("cut.dcm"), threeFrames(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 10));

        assertThatThrownBy(() -> StoredObject.open(file)).isInstanceOf(DicomFormatException.class)
            .hasMessageContaining("runs past the end of the file");
    }

    @Test
    void fragmentsRunningPastTheEndOfTheFileAreRefused() throws IOException {
        Attributes dataset = image(8, 8, 8, "MONOCHROME2", 1);
        List<byte[]> items = dataset.newFragments(Tags.PixelData, VR.OB);
        items.add(new byte[0]);
        items.add(fragment(1, 40));
        Path file = write(folder.resolve("cutjpeg.dcm"), dataset, TransferSyntax.JPEG_BASELINE);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 20));

        assertThatThrownBy(() -> StoredObject.open(file)).isInstanceOf(DicomFormatException.class)
            .hasMessageContaining("runs past the end of the file");
    }

    @Test
    @Tag("dcmtk")
    void jpegLosslessFramesAreTheFragmentsDcmtkWrote() throws Exception {
        Attributes dataset = image(3, 4, 16, "MONOCHROME2", 1).setInt(Tags.NumberOfFrames, VR.IS, 3)
            .setInt(Tags.BitsStored, VR.US, 12).setInt(Tags.HighBit, VR.US, 11);
        int[] samples = new int[36];
        Arrays.setAll(samples, i -> i * 100);
        dataset.setInt(Tags.PixelData, VR.OW, samples);
        Path uncompressed = write(folder.resolve("native.dcm"), dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path compressed = folder.resolve("lossless.dcm");
        StoredObjectFixtures.succeed("dcmcjpeg", "+e1", uncompressed.toString(), compressed.toString());

        StoredObject object = StoredObject.open(compressed);
        List<byte[]> fragments;
        try (InputStream in = Files.newInputStream(compressed); DicomReader reader = new DicomReader(in)) {
            reader.readFileMetaInformation();
            fragments = reader.readDataset().getFragments(Tags.PixelData);
        }

        assertThat(object.transferSyntaxUid()).isEqualTo(TransferSyntax.JPEG_LOSSLESS_SV1.uid());
        assertThat(object.encapsulated()).isTrue();
        assertThat(object.numberOfFrames()).isEqualTo(3);
        assertThat(fragments).as("offset table and one fragment per frame").hasSize(4);
        for (int frame = 1; frame <= 3; frame++) {
            byte[] bytes = bytes(object, object.frame(frame));
            assertThat(bytes).containsExactly(fragments.get(frame));
            assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8);
        }
    }

    private static byte[] fragment(int fill, int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) fill);
        bytes[0] = (byte) (0x10 + fill);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
