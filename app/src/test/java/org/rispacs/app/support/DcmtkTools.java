package org.rispacs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

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
}
