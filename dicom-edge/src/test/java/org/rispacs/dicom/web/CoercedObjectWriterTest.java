package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.dicom.web.StoredObjectFixtures.bytes;
import static org.rispacs.dicom.web.StoredObjectFixtures.succeed;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

@Tag("dcmtk")
class CoercedObjectWriterTest {
    private static final CurrentIdentity AS_STORED =
        new CurrentIdentity("OLD1", null, "Doe^Jane", null, null, null);
    private static final CurrentIdentity UPDATED =
        new CurrentIdentity("NEW9", "HOSPITAL_A", "Smith^John", null, null, null);

    @TempDir
    Path folder;

    /** A 24-bit colour picture, every pixel different. */
    static BufferedImage picture() {
        BufferedImage image = new BufferedImage(16, 8, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, (x * 16) << 16 | (y * 32) << 8 | (x * y * 2));
            }
        }
        return image;
    }

    /** An RGB Secondary Capture made by img2dcm from a BMP, explicit VR little endian. */
    static Path fromImg2dcm(Path folder) throws Exception {
        Path bmp = folder.resolve("picture.bmp");
        assertThat(ImageIO.write(picture(), "bmp", bmp.toFile())).isTrue();
        Path file = folder.resolve("img2dcm.dcm");
        succeed("img2dcm", "-i", "BMP", "-k", "PatientName=Doe^Jane", "-k", "PatientID=OLD1",
            bmp.toString(), file.toString());
        return file;
    }

    private Path jpegLossless(Path uncompressed) throws Exception {
        Path file = folder.resolve("lossless.dcm");
        succeed("dcmcjpeg", "+e1", uncompressed.toString(), file.toString());
        return file;
    }

    private Path written(StoredObject object, CurrentIdentity identity, String name) throws IOException {
        Path file = folder.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            CoercedObjectWriter.write(object, identity, "RISPACS", out);
        }
        return file;
    }

    @Test
    void anObjectCarryingTheCurrentIdentityIsCopiedByteForByte() throws Exception {
        Path uncompressed = fromImg2dcm(folder);
        Path compressed = jpegLossless(uncompressed);

        for (Path file : new Path[] {uncompressed, compressed}) {
            StoredObject object = StoredObject.open(file);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CoercedObjectWriter.write(object, AS_STORED, "RISPACS", out);
            assertThat(out.toByteArray()).as(file.getFileName().toString()).isEqualTo(Files.readAllBytes(file));
            out.reset();
            CoercedObjectWriter.write(object, CurrentIdentity.AS_RECEIVED, "RISPACS", out);
            assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+te", "+ti", "+tb"})
    void aCoercedNativeObjectCarriesTheNewIdentityTheOldOneAndTheSamePixels(String syntaxOption) throws Exception {
        Path file = folder.resolve("converted.dcm");
        succeed("dcmconv", syntaxOption, fromImg2dcm(folder).toString(), file.toString());
        StoredObject original = StoredObject.open(file);

        Path coerced = written(original, UPDATED, "coerced.dcm");

        String dump = succeed("dcmdump", "+L", coerced.toString());
        assertCoerced(dump);
        StoredObject result = StoredObject.open(coerced);
        assertThat(result.transferSyntaxUid()).isEqualTo(original.transferSyntaxUid());
        assertThat(bytes(result, result.frame(1))).isEqualTo(bytes(original, original.frame(1)));
        assertThat(result.fileMetaInformation().getString(Tags.MediaStorageSOPInstanceUID))
            .isEqualTo(original.fileMetaInformation().getString(Tags.MediaStorageSOPInstanceUID));
    }

    @Test
    void aCoercedJpegLosslessObjectKeepsItsFragmentsAndStillDecodes() throws Exception {
        Path uncompressed = fromImg2dcm(folder);
        StoredObject original = StoredObject.open(jpegLossless(uncompressed));

        Path coerced = written(original, UPDATED, "coerced.dcm");

        assertCoerced(succeed("dcmdump", "+L", coerced.toString()));
        StoredObject result = StoredObject.open(coerced);
        assertThat(result.transferSyntaxUid()).isEqualTo(TransferSyntax.JPEG_LOSSLESS_SV1.uid());
        assertThat(bytes(result, result.frame(1))).isEqualTo(bytes(original, original.frame(1)));
        Path decoded = folder.resolve("decoded.dcm");
        succeed("dcmdjpeg", coerced.toString(), decoded.toString());
        StoredObject decompressed = StoredObject.open(decoded);
        StoredObject source = StoredObject.open(uncompressed);
        assertThat(bytes(decompressed, decompressed.frame(1))).as("lossless: the pixels img2dcm wrote")
            .isEqualTo(bytes(source, source.frame(1)));
        assertThat(decompressed.header().getString(Tags.PatientID)).isEqualTo("NEW9");
    }

    @Test
    void aDeflatedObjectIsCoercedWhole() throws Exception {
        Path file = folder.resolve("deflated.dcm");
        succeed("dcmconv", "+td", fromImg2dcm(folder).toString(), file.toString());
        StoredObject original = StoredObject.open(file);

        Path coerced = written(original, UPDATED, "coerced.dcm");

        String dump = succeed("dcmdump", "+L", coerced.toString());
        assertCoerced(dump);
        assertThat(dump).contains("Deflated Explicit VR Little Endian");
        Path inflated = folder.resolve("inflated.dcm");
        succeed("dcmconv", "+te", coerced.toString(), inflated.toString());
        StoredObject plain = StoredObject.open(inflated);
        StoredObject source = StoredObject.open(fromImg2dcm(folder));
        assertThat(bytes(plain, plain.frame(1))).isEqualTo(bytes(source, source.frame(1)));
    }

    @Test
    void elementsAfterWhereTheHeaderStopsAreCopiedToo() throws Exception {
        Attributes report = new Attributes()
            .setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.88.11")
            .setString(Tags.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1.20.9")
            .setString(Tags.PatientName, VR.PN, "Doe^Jane")
            .setString(Tags.PatientID, VR.LO, "OLD1")
            .setBytes(0xFFFCFFFC, VR.OB, new byte[] {1, 2, 3, 4, 5, 6});
        StoredObject original = StoredObject.open(StoredObjectFixtures.write(folder.resolve("sr.dcm"), report,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        Path coerced = written(original, UPDATED, "coerced.dcm");

        String dump = succeed("dcmdump", "+L", coerced.toString());
        assertCoerced(dump);
        assertThat(dump).contains("(fffc,fffc) OB 01\\02\\03\\04\\05\\06");
    }

    private static void assertCoerced(String dump) {
        assertThat(dump).containsPattern("\\(0010,0020\\) LO \\[NEW9\\]")
            .containsPattern("\\(0010,0010\\) PN \\[Smith\\^John\\]")
            .containsPattern("\\(0010,0021\\) LO \\[HOSPITAL_A\\]")
            .contains("(0400,0561) SQ")
            .containsPattern("\\(0400,0550\\) SQ")
            .containsPattern("\\(0010,0020\\) LO \\[OLD1\\]")
            .containsPattern("\\(0010,0010\\) PN \\[Doe\\^Jane\\]")
            .containsPattern("\\(0010,0021\\) LO \\(no value available\\)")
            .containsPattern("\\(0400,0563\\) LO \\[RISPACS\\]")
            .containsPattern("\\(0400,0565\\) CS \\[COERCE\\]");
        assertThat(dump.indexOf("[OLD1]")).as("the old ID inside the Original Attributes Sequence")
            .isGreaterThan(dump.indexOf("(0400,0561)"));
    }
}
