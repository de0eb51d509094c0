package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dcmtk's command-line tools, the reference DICOM peer. A missing tool fails the test:
 * CI installs dcmtk, and a run without it proves nothing.
 */
final class Dcmtk {

    record Result(int exitCode, String output) {
    }

    private Dcmtk() {
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin", command[0]);
        assertThat(tool).as("dcmtk's " + command[0] + " (apt-get install dcmtk)").isExecutable();
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.set(0, tool.toString());
        ProcessBuilder builder = new ProcessBuilder(arguments).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A small CT image made by dcmtk itself from a text dump, in explicit VR little endian. */
    static Path ctImage(Path folder, String name, String sopInstanceUid, String studyUid, String seriesUid,
                        String accession, String patientId) throws IOException, InterruptedException {
        Path dump = folder.resolve(name + ".dump");
        Files.writeString(dump, String.join("\n",
                "(0008,0016) UI =CTImageStorage",
                "(0008,0018) UI [" + sopInstanceUid + "]",
                "(0008,0050) SH [" + accession + "]",
                "(0008,0060) CS [CT]",
                "(0010,0010) PN [Doe^Jane]",
                "(0010,0020) LO [" + patientId + "]",
                "(0020,000d) UI [" + studyUid + "]",
                "(0020,000e) UI [" + seriesUid + "]",
                "(0028,0002) US 1",
                "(0028,0004) CS [MONOCHROME2]",
                "(0028,0010) US 2",
                "(0028,0011) US 2",
                "(0028,0100) US 16",
                "(0028,0101) US 12",
                "(0028,0102) US 11",
                "(0028,0103) US 0",
                "(7fe0,0010) OW 0001\\0002\\0003\\0004", ""));
        Path file = folder.resolve(name + ".dcm");
        Result made = run("dump2dcm", dump.toString(), file.toString());
        assertThat(made.exitCode()).as(made.output()).isZero();
        return file;
    }
}
