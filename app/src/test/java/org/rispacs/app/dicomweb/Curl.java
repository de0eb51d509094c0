package org.rispacs.app.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * curl, the client integration engineers try a DICOMweb server with first: each call's status,
 * headers and body bytes as curl received them, and a multipart/related body split into its parts
 * by the RFC 2046 rules (independently of the server's own multipart code).
 */
final class Curl {

    record Response(int status, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The parts of a multipart body, by the boundary its Content-Type names. */
        List<Part> parts() {
            String contentType = header("content-type");
            assertThat(contentType).startsWith("multipart/related");
            String boundary = null;
            for (String parameter : contentType.split(";")) {
                String trimmed = parameter.trim();
                if (trimmed.startsWith("boundary=")) {
                    boundary = trimmed.substring("boundary=".length()).replace("\"", "");
                }
            }
            assertThat(boundary).as("boundary of " + contentType).isNotNull();
            return split(body, boundary);
        }
    }

    record Part(Map<String, String> headers, byte[] body) {
    }

    private final String credentials;
    private final Path work;

    Curl(String user, String password, Path work) {
        this.credentials = user + ":" + password;
        this.work = work;
    }

    Response get(String url, String accept) throws Exception {
        return call(List.of("-H", "Accept: " + accept, url));
    }

    Response post(String url, String contentType, String accept, Path body) throws Exception {
        return call(List.of("-X", "POST", "-H", "Content-Type: " + contentType, "-H", "Accept: " + accept,
                "--data-binary", "@" + body, url));
    }

    private Response call(List<String> arguments) throws Exception {
        Path headers = Files.createTempFile(work, "headers", ".txt");
        Path body = Files.createTempFile(work, "body", ".bin");
        List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-s", "-S", "-u", credentials,
                "-D", headers.toString(), "-o", body.toString()));
        command.addAll(arguments);
        assertThat(Path.of("/usr/bin/curl")).as("curl").isExecutable();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("curl " + arguments + ": " + output).isZero();
        List<String> lines = Files.readAllLines(headers, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(lines.get(0).split(" ")[1]);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new Response(status, fields, Files.readAllBytes(body));
    }

    private static List<Part> split(byte[] body, String boundary) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int at = indexOf(body, delimiter, 0);
        assertThat(at).as("first boundary").isGreaterThanOrEqualTo(0);
        while (true) {
            int after = at + delimiter.length;
            if (body[after] == '-' && body[after + 1] == '-') {
                return parts;
            }
            assertThat(new String(body, after, 2, StandardCharsets.ISO_8859_1)).isEqualTo("\r\n");
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), after);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String line : new String(body, after + 2, headersEnd - after - 2, StandardCharsets.ISO_8859_1)
                    .split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int end = indexOf(body, next, headersEnd + 4);
            assertThat(end).as("the boundary after a part").isGreaterThanOrEqualTo(0);
            byte[] content = new byte[end - headersEnd - 4];
            System.arraycopy(body, headersEnd + 4, content, 0, content.length);
            parts.add(new Part(headers, content));
            at = end + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
