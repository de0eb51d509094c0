package org.rispacs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js scripts under {@code src/test/node/mpps-scu} that play a modality or a workstation
 * with dcmjs-dimse (an independent DICOM implementation): MPPS, storage commitment, C-GET. Each
 * run must exit 0; its answers are the JSON lines it prints among dcmjs-dimse's own log lines.
 */
public final class DcmjsScripts {

    private static final Path SCRIPTS = Path.of("src", "test", "node", "mpps-scu").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private DcmjsScripts() {
    }

    public static List<JsonNode> dcmjs(String script, String... arguments) throws IOException, InterruptedException {
        assertThat(SCRIPTS.resolve("node_modules").resolve("dcmjs-dimse")).as("npm ci ran").isDirectory();
        List<String> command = new ArrayList<>(List.of("node", SCRIPTS.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as(script + " finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.lines().filter(line -> line.startsWith("{\"")).toList()) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
