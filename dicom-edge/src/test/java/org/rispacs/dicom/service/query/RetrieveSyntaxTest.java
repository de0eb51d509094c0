package org.rispacs.dicom.service.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;

/** Which transfer syntax a retrieved object travels in, and its lossless re-encoding (#21). */
class RetrieveSyntaxTest {

    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String IMPLICIT = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String BIG = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
    private static final String DEFLATED = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String JPEG_LOSSLESS = TransferSyntax.JPEG_LOSSLESS_SV1.uid();
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR = "1.2.840.10008.5.1.4.1.1.4";

    @TempDir
    Path work;

    @Test
    void anUncompressedObjectIsProposedAsStoredThenExplicitThenImplicitLittleEndianOnceEach() {
        assertThat(RetrieveSyntax.proposals(EXPLICIT)).containsExactly(EXPLICIT, IMPLICIT);
        assertThat(RetrieveSyntax.proposals(IMPLICIT)).containsExactly(IMPLICIT, EXPLICIT);
        assertThat(RetrieveSyntax.proposals(BIG)).containsExactly(BIG, EXPLICIT, IMPLICIT);
        assertThat(RetrieveSyntax.proposals(DEFLATED)).containsExactly(DEFLATED, EXPLICIT, IMPLICIT);
    }

    @Test
    void aCompressedOrUnknownSyntaxIsProposedAlone() {
        assertThat(RetrieveSyntax.proposals(JPEG_LOSSLESS)).containsExactly(JPEG_LOSSLESS);
        assertThat(RetrieveSyntax.proposals(TransferSyntax.RLE_LOSSLESS.uid()))
                .containsExactly(TransferSyntax.RLE_LOSSLESS.uid());
        assertThat(RetrieveSyntax.proposals("1.2.3.4")).containsExactly("1.2.3.4");
    }

    @Test
    void theStoredSyntaxIsChosenWhenAcceptedElseTheFirstAcceptedFallback() {
        assertThat(RetrieveSyntax.choose(EXPLICIT, Set.of(IMPLICIT, EXPLICIT)::contains)).contains(EXPLICIT);
        assertThat(RetrieveSyntax.choose(BIG, Set.of(IMPLICIT, EXPLICIT)::contains)).contains(EXPLICIT);
        assertThat(RetrieveSyntax.choose(EXPLICIT, Set.of(IMPLICIT)::contains)).contains(IMPLICIT);
        assertThat(RetrieveSyntax.choose(EXPLICIT, Set.of(JPEG_LOSSLESS)::contains)).isEmpty();
    }

    @Test
    void aCompressedObjectIsNeverChosenIntoAnUncompressedSyntax() {
        assertThat(RetrieveSyntax.choose(JPEG_LOSSLESS, Set.of(EXPLICIT, IMPLICIT)::contains)).isEmpty();
        assertThat(RetrieveSyntax.choose(JPEG_LOSSLESS, Set.of(JPEG_LOSSLESS, IMPLICIT)::contains))
                .contains(JPEG_LOSSLESS);
    }

    @Test
    void theStoredSyntaxesAreProposedFirstThenTheFallbacksEachOnce() {
        Map<String, Set<String>> stored = new LinkedHashMap<>();
        stored.put(CT, new LinkedHashSet<>(List.of(EXPLICIT, JPEG_LOSSLESS)));
        stored.put(MR, new LinkedHashSet<>(List.of(IMPLICIT)));

        List<PresentationContextProposal> contexts = RetrieveSyntax.contexts(stored);

        assertThat(contexts).extracting(PresentationContextProposal::id).containsExactly(1, 3, 5, 7, 9);
        assertThat(contexts).extracting(context -> context.abstractSyntax() + " " + context.transferSyntaxes())
                .containsExactly(CT + " [" + EXPLICIT + "]", CT + " [" + JPEG_LOSSLESS + "]",
                        MR + " [" + IMPLICIT + "]", CT + " [" + IMPLICIT + "]", MR + " [" + EXPLICIT + "]");
    }

    @Test
    void noMoreThan128ContextsAreProposedTheFallbacksGivingWayFirst() {
        Map<String, Set<String>> stored = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            stored.put("1.2.3." + i, Set.of(EXPLICIT));
        }

        List<PresentationContextProposal> contexts = RetrieveSyntax.contexts(stored);

        assertThat(contexts).hasSize(128);
        assertThat(contexts.get(127).id()).isEqualTo(255);
        assertThat(contexts.subList(0, 100)).extracting(PresentationContextProposal::transferSyntaxes)
                .containsOnly(List.of(EXPLICIT));
        assertThat(contexts.subList(100, 128)).extracting(PresentationContextProposal::transferSyntaxes)
                .containsOnly(List.of(IMPLICIT));
    }

    @Test
    void anExplicitObjectReencodedAsImplicitKeepsEveryAttributeAndItsPixels() throws Exception {
        Attributes image = image();
        byte[] pixels = new byte[4 * 4 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        image.setBytes(Tags.PixelData, VR.OW, pixels);
        Path stored = write(work.resolve("explicit.dcm"), image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path sent = work.resolve("implicit.dcm");

        RetrieveSyntax.reencode(stored, sent, IMPLICIT);

        try (InputStream in = Files.newInputStream(sent); DicomReader reader = new DicomReader(in)) {
            Attributes fmi = reader.readFileMetaInformation();
            assertThat(fmi.getString(Tags.TransferSyntaxUID)).isEqualTo(IMPLICIT);
            assertThat(fmi.getString(Tags.MediaStorageSOPInstanceUID)).isEqualTo("1.2.826.0.1.3680043.10.1.21.1");
            Attributes dataset = reader.readDataset();
            assertThat(dataset.getString(Tags.PatientName)).isEqualTo("Müller^Anna");
            assertThat(dataset.getStrings(Tags.SpecificCharacterSet)).containsExactly("ISO_IR 192");
            assertThat(dataset.getInt(Tags.Rows)).isEqualTo(4);
            assertThat(dataset.getBytes(Tags.PixelData)).isEqualTo(pixels);
            assertThat(dataset.tags()).containsExactly(image.tags());
        }
        // dcmtk reads it as implicit VR little endian, the same values
        String dump = dcmdump(sent);
        assertThat(dump).contains("LittleEndianImplicit").contains("(0028,0010) US 4");
    }

    @Test
    void aCompressedObjectIsNotReencoded() throws Exception {
        Attributes image = image();
        List<byte[]> fragments = image.newFragments(Tags.PixelData, VR.OB);
        fragments.add(new byte[0]);
        fragments.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        Path stored = write(work.resolve("jpeg.dcm"), image, TransferSyntax.JPEG_LOSSLESS_SV1);
        Path sent = work.resolve("never.dcm");

        assertThatThrownBy(() -> RetrieveSyntax.reencode(stored, sent, IMPLICIT)).isInstanceOf(IOException.class);
        assertThat(sent).doesNotExist();
        assertThatThrownBy(() -> RetrieveSyntax.reencode(stored, sent, JPEG_LOSSLESS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Attributes image() {
        return new Attributes()
                .setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192")
                .setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7")
                .setString(Tags.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1.21.1")
                .setString(Tags.PatientName, VR.PN, "Müller^Anna")
                .setString(Tags.PatientID, VR.LO, "P1")
                .setInt(Tags.SamplesPerPixel, VR.US, 1)
                .setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2")
                .setInt(Tags.Rows, VR.US, 4)
                .setInt(Tags.Columns, VR.US, 4)
                .setInt(Tags.BitsAllocated, VR.US, 16)
                .setInt(Tags.BitsStored, VR.US, 16)
                .setInt(Tags.HighBit, VR.US, 15)
                .setInt(Tags.PixelRepresentation, VR.US, 0);
    }

    private static Path write(Path file, Attributes dataset, TransferSyntax syntax) throws IOException {
        Attributes fmi = DicomWriter.createFileMetaInformation(dataset.getString(Tags.SOPClassUID),
                dataset.getString(Tags.SOPInstanceUID), syntax.uid(), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST",
                "TESTSCU");
        try (OutputStream out = Files.newOutputStream(file); DicomWriter writer = new DicomWriter(out)) {
            writer.writeFileMetaInformation(fmi);
            writer.writeDataset(dataset, syntax);
        }
        return file;
    }

    private static String dcmdump(Path file) throws Exception {
        assertThat(Path.of("/usr/bin/dcmdump")).as("dcmtk's dcmdump").isExecutable();
        Process process = new ProcessBuilder("/usr/bin/dcmdump", "-M", file.toString()).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
