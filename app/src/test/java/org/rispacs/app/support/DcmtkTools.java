package org.rispacs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;

/** dcmtk's tools, the reference DICOM peer: a missing tool fails the test (CI installs dcmtk). */
public final class DcmtkTools {

    private DcmtkTools() {
    }

    /** Runs the tool with Nagle off (as dcmtk needs on loopback), expects exit 0, returns its output. */
    public static String run(String... command) throws Exception {
        assertThat(Path.of("/usr/bin", command[0])).as("dcmtk's " + command[0]).isExecutable();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TCP_NODELAY", "1");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command[0] + " finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    /**
     * A modality worklist query as a modality sends it: the query written as a dcmtk dump
     * ({@code dumpLines}), made a file by {@code dump2dcm}, sent by {@code findscu -W -X}; the
     * items it received, read back from the files findscu wrote under {@code work}.
     */
    public static List<Attributes> findWorklist(Path work, List<String> dumpLines, String callingAeTitle, String host,
                                                int port) throws Exception {
        Path dump = work.resolve("mwl-" + UUID.randomUUID() + ".dump");
        Files.writeString(dump, String.join("\n", dumpLines) + "\n", StandardCharsets.UTF_8);
        Path query = work.resolve(dump.getFileName() + ".dcm");
        run("dump2dcm", dump.toString(), query.toString());
        Path out = Files.createDirectories(work.resolve("mwl-out-" + UUID.randomUUID()));
        run("findscu", "-W", "-X", "-od", out.toString(), "-aet", callingAeTitle, "-aec", "RISPACS", host,
                String.valueOf(port), query.toString());
        List<Attributes> answers = new ArrayList<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
                    reader.readFileMetaInformation();
                    answers.add(reader.readDataset());
                }
            }
        }
        return answers;
    }
}
