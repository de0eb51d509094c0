package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/** Stored files for the web tests: written with our own writer, or made by dcmtk's tools. */
final class StoredObjectFixtures {
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final String SOP_INSTANCE_UID = "1.2.826.0.1.3680043.10.1.20.1";

    record Result(int exitCode, String output) {
    }

    private StoredObjectFixtures() {
    }

    /** A data set with identity and image attributes, no pixel data yet. */
    static Attributes image(int rows, int columns, int bitsAllocated, String photometric, int samplesPerPixel) {
        Attributes dataset = new Attributes()
            .setString(Tags.SOPClassUID, VR.UI, SECONDARY_CAPTURE)
            .setString(Tags.SOPInstanceUID, VR.UI, SOP_INSTANCE_UID)
            .setString(Tags.AccessionNumber, VR.SH, "ACC1")
            .setString(Tags.PatientName, VR.PN, "Doe^Jane")
            .setString(Tags.PatientID, VR.LO, "OLD1")
            .setString(Tags.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1.20.2")
            .setString(Tags.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.10.1.20.3")
            .setInt(Tags.SamplesPerPixel, VR.US, samplesPerPixel)
            .setString(Tags.PhotometricInterpretation, VR.CS, photometric)
            .setInt(Tags.Rows, VR.US, rows)
            .setInt(Tags.Columns, VR.US, columns)
            .setInt(Tags.BitsAllocated, VR.US, bitsAllocated)
            .setInt(Tags.BitsStored, VR.US, bitsAllocated)
            .setInt(Tags.HighBit, VR.US, bitsAllocated - 1)
            .setInt(Tags.PixelRepresentation, VR.US, 0);
        if (samplesPerPixel > 1) {
            dataset.setInt(Tags.PlanarConfiguration, VR.US, 0);
        }
        return dataset;
    }

    /** Writes a Part 10 file of the data set in the syntax. */
    static Path write(Path file, Attributes dataset, TransferSyntax syntax) throws IOException {
        Attributes fmi = DicomWriter.createFileMetaInformation(dataset.getString(Tags.SOPClassUID),
            dataset.getString(Tags.SOPInstanceUID), syntax.uid(), "1.2.826.0.1.3680043.10.1", "RISPACS_TEST",
            "TESTSCU");
        try (OutputStream out = Files.newOutputStream(file); DicomWriter writer = new DicomWriter(out)) {
            writer.writeFile(fmi, dataset);
        }
        return file;
    }

    static byte[] bytes(StoredObject object, List<ByteRange> ranges) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        object.copy(ranges, out);
        return out.toByteArray();
    }

    /** Runs one of dcmtk's tools; a missing tool fails the test. */
    static Result run(String... command) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin", command[0]);
        assertThat(tool).as("dcmtk's " + command[0] + " (apt-get install dcmtk)").isExecutable();
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.set(0, tool.toString());
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** Runs a dcmtk tool that must succeed, and returns what it printed. */
    static String succeed(String... command) throws IOException, InterruptedException {
        Result result = run(command);
        assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result.output()).isZero();
        return result.output();
    }
}
