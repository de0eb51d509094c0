package org.rispacs.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks our encoding against dcmtk's. A missing dcmtk makes these tests fail: they must not pass unnoticed. */
@Tag("dcmtk")
class DcmtkCrossCheckTest {
    private static final String DUMP = String.join("\n",
        "(0002,0002) UI =CTImageStorage",
        "(0002,0003) UI [1.2.3.4.5]",
        "(0008,0005) CS [ISO_IR 100]",
        "(0008,0016) UI =CTImageStorage",
        "(0008,0018) UI [1.2.3.4.5]",
        "(0008,1110) SQ (Sequence with undefined length)",
        "(fffe,e000) na (Item with undefined length)",
        "(0008,1150) UI [1.2.840.10008.3.1.2.3.1]",
        "(0008,1155) UI [1.2.3]",
        "(fffe,e00d) na (ItemDelimitationItem)",
        "(fffe,e0dd) na (SequenceDelimitationItem)",
        "(0010,0010) PN [Doe^John]",
        "(0018,9219) SS -3",
        "(0028,0010) US 2",
        "(0028,0011) US 2",
        "(0028,0030) DS [0.5\\0.75]",
        "(7fe0,0010) OW 0001\\0002\\0003\\fffe",
        "");

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({"+te, +e", "+te, -e", "+ti, +e", "+ti, -e", "+tb, +e", "+td, -e"})
    void weReadWhatDump2dcmWrites(String transferSyntaxOption, String lengthOption) throws Exception {
        Path dump = Files.writeString(directory.resolve("input.dump"), DUMP, StandardCharsets.ISO_8859_1);
        Path file = directory.resolve("dump2dcm.dcm");
        run("dump2dcm", transferSyntaxOption, lengthOption, "+g", dump.toString(), file.toString());

        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            Attributes fmi = reader.readFileMetaInformation();
            Attributes dataset = reader.readDataset();

            assertThat(fmi.getString(Tags.MediaStorageSOPInstanceUID)).isEqualTo("1.2.3.4.5");
            assertThat(dataset.getString(Tags.SOPClassUID)).isEqualTo(Part10Test.CT_IMAGE_STORAGE);
            assertThat(dataset.getString(Tags.PatientName)).isEqualTo("Doe^John");
            assertThat(dataset.getInt(Tags.Rows)).isEqualTo(2);
            assertThat(dataset.getInt(Tags.TagAngleSecondAxis)).isEqualTo(-3);
            assertThat(dataset.getStrings(Tags.PixelSpacing)).containsExactly("0.5", "0.75");
            assertThat(dataset.getStrings(Tags.PixelData)).containsExactly("1", "2", "3", "65534");
            assertThat(dataset.getSequence(Tags.ReferencedStudySequence)).singleElement()
                .satisfies(item -> assertThat(item.getString(Tags.ReferencedSOPInstanceUID)).isEqualTo("1.2.3"));
            assertThat(dataset.getInt(0x00080000)).as("group length written by +g").isPositive();
        }
    }

    @ParameterizedTest
    @CsvSource({"1.2.840.10008.1.2, Little Endian Implicit", "1.2.840.10008.1.2.1, Little Endian Explicit",
        "1.2.840.10008.1.2.1.99, Deflated Explicit VR Little Endian", "1.2.840.10008.1.2.2, Big Endian Explicit"})
    void dcmdumpReadsWhatWeWrite(String transferSyntaxUid, String dcmtkName) throws Exception {
        TransferSyntax syntax = TransferSyntax.forUid(transferSyntaxUid).orElseThrow();
        Path file = Files.write(directory.resolve("ours.dcm"), Part10Test.part10(Part10Test.sampleDataset(), syntax));

        String dump = run("dcmdump", "+L", file.toString());

        assertThat(dump)
            .contains("# Used TransferSyntax: " + dcmtkName)
            .contains("(0002,0010) UI =")
            .contains("(0010,0010) PN [Müller^Hans]")
            .contains("(0008,0008) CS [ORIGINAL\\PRIMARY\\AXIAL]")
            .contains("(0008,0018) UI [1.2.3.4.5]")
            .contains("(0028,0010) US 2")
            .contains("(0028,0030) DS [0.5\\0.75]")
            .contains("(0008,0100) SH [121]")
            .contains("(fffe,e0dd) na (SequenceDelimitationItem)")
            .contains("(7fe0,0010) OW 0001\\0002\\0003\\0004");
    }

    @Test
    void dcmdumpAgreesWithOurGroupLength() throws Exception {
        Path file = Files.write(directory.resolve("ours.dcm"),
            Part10Test.part10(Part10Test.sampleDataset(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        Attributes fmi;
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            fmi = reader.readFileMetaInformation();
        }

        String dump = run("dcmdump", file.toString());

        assertThat(dump).contains("(0002,0000) UL " + fmi.getInt(Tags.FileMetaInformationGroupLength) + " ");
    }

    /** Runs a command; fails on a non-zero exit, on any warning or error on stderr, or after 10 seconds. */
    private String run(String... command) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(arguments).redirectErrorStream(false).start();
        byte[] output = process.getInputStream().readAllBytes();
        byte[] errors = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        String stderr = new String(errors, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("%s exit value, stderr: %s", command[0], stderr).isZero();
        assertThat(stderr).as("%s stderr", command[0]).isEmpty();
        return new String(output, StandardCharsets.ISO_8859_1);
    }
}
