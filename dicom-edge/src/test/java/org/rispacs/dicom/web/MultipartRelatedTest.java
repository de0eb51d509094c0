package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MultipartRelatedTest {
    private static final String BOUNDARY = "rispacs-boundary-42";
    private static final String NEAR_MISS = "\r\n--rispacs-boundary-4X";

    @Test
    void theBoundaryIsReadQuotedOrNotAndTheTypeUnquoted() {
        assertThat(MultipartRelated.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=abc123"))
            .isEqualTo("abc123");
        assertThat(MultipartRelated.boundaryOf("multipart/related;boundary=\"a b;c=d\\\"e\";type=application/dicom"))
            .isEqualTo("a b;c=d\"e");
        assertThat(MultipartRelated.boundaryOf("Multipart/Related; charset ; BOUNDARY = xyz ; type=x"))
            .isEqualTo("xyz");
        assertThat(MultipartRelated.typeOf("multipart/related; type=\"application/dicom+json\"; boundary=x"))
            .isEqualTo("application/dicom+json");
        assertThat(MultipartRelated.typeOf("multipart/related; TYPE=application/dicom; boundary=x"))
            .isEqualTo("application/dicom");
        assertThat(MultipartRelated.typeOf("multipart/related; boundary=x")).isNull();
    }

    @Test
    void aContentTypeWithoutBoundaryIsRefused() {
        assertThatThrownBy(() -> MultipartRelated.boundaryOf("multipart/related; type=\"application/dicom\""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no boundary");
        assertThatThrownBy(() -> MultipartRelated.boundaryOf("multipart/related; boundary=\"\""))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no boundary");
        assertThatThrownBy(() -> MultipartRelated.boundaryOf("multipart/related; boundary=" + "b".repeat(257)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256");
        // Orthanc's STOW-RS client sends 73 characters, over RFC 2046's 70
        String orthancs = "e6413bbd-156e-431d-9cb3-39fa32577dd3-e6413bbd-156e-431d-9cb3-39fa32577dd3";
        assertThat(MultipartRelated.boundaryOf("multipart/related; type=\"application/dicom\"; boundary=" + orthancs))
            .isEqualTo(orthancs);
        assertThatThrownBy(() -> MultipartRelated.boundaryOf("multipart/related; boundary=\"open"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
    }

    @Test
    void newBoundariesDifferAndNeedNoQuotes() {
        Set<String> boundaries = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String boundary = MultipartRelated.newBoundary();
            assertThat(boundary).matches("[A-Za-z0-9-]{1,70}");
            assertThat(MultipartRelated.boundaryOf("multipart/related; boundary=" + boundary)).isEqualTo(boundary);
            boundaries.add(boundary);
        }
        assertThat(boundaries).hasSize(100);
    }

    @Test
    void theWriterFramesEachPartExactly() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Content-Location", "/studies/1.2/series/3.4/instances/5.6");
        extra.put("Content-Length", "4");

        MultipartRelatedWriter writer = new MultipartRelatedWriter(out, "b1");
        try (OutputStream part = writer.startPart("application/dicom", extra)) {
            part.write("DICM".getBytes(StandardCharsets.US_ASCII));
        }
        OutputStream second = writer.startPart("application/octet-stream", Map.of());
        second.write(new byte[] {'\r', '\n'});
        writer.close();

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(
            "--b1\r\nContent-Type: application/dicom\r\nContent-Location: /studies/1.2/series/3.4/instances/5.6\r\n"
                + "Content-Length: 4\r\n\r\nDICM\r\n"
                + "--b1\r\nContent-Type: application/octet-stream\r\n\r\n\r\n\r\n"
                + "--b1--\r\n");
        assertThatThrownBy(() -> second.write(1)).isInstanceOf(IOException.class).hasMessageContaining("ended");
    }

    @Test
    void theWriterLeavesItsOutputOpenAndRefusesHeadersThatWouldBreakTheFraming() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        MultipartRelatedWriter writer = new MultipartRelatedWriter(out, "b2");

        assertThatThrownBy(() -> writer.startPart("text/plain\r\nX-Injected: 1", Map.of()))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> writer.startPart("text/plain", Map.of("Bad Name", "x")))
            .isInstanceOf(IllegalArgumentException.class);
        writer.startPart("text/plain", Map.of()).close();
        writer.close();

        assertThat(closed[0]).isFalse();
        assertThat(bytes.toString(StandardCharsets.US_ASCII))
            .isEqualTo("--b2\r\nContent-Type: text/plain\r\n\r\n\r\n--b2--\r\n");
    }

    @Test
    void partsWithLineEndsDashesAndPieceOfTheBoundaryComeBackIntactEvenInDribbles() throws IOException {
        List<byte[]> bodies = trickyBodies();
        byte[] encoded = encode(bodies);

        for (int seed = 0; seed < 20; seed++) {
            List<Map<String, String>> headers = new ArrayList<>();
            List<byte[]> decoded = decode(new Dribble(new ByteArrayInputStream(encoded), seed), headers);

            assertThat(decoded).hasSize(bodies.size());
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(decoded.get(i)).as("part %d, seed %d", i, seed).isEqualTo(bodies.get(i));
                assertThat(headers.get(i)).containsExactly(Map.entry("content-type", "application/octet-stream"),
                    Map.entry("content-id", "<part" + i + ">"));
            }
        }
    }

    @Test
    void bodiesReadByteByByteAndUnreadBodiesAreSkipped() throws IOException {
        List<byte[]> bodies = trickyBodies();
        MultipartRelatedReader reader = new MultipartRelatedReader(
            new Dribble(new ByteArrayInputStream(encode(bodies)), 7), BOUNDARY);

        MultipartRelatedReader.Part first = reader.next().orElseThrow();
        ByteArrayOutputStream firstBody = new ByteArrayOutputStream();
        for (int b; (b = first.body().read()) >= 0; ) {
            firstBody.write(b);
        }
        reader.next().orElseThrow().body().read(new byte[3]);
        for (int i = 2; i < bodies.size() - 1; i++) {
            reader.next().orElseThrow();
        }
        MultipartRelatedReader.Part last = reader.next().orElseThrow();

        assertThat(firstBody.toByteArray()).isEqualTo(bodies.get(0));
        assertThat(last.body().readAllBytes()).isEqualTo(bodies.get(bodies.size() - 1));
        assertThat(first.body().read()).as("a body that was passed").isEqualTo(-1);
        assertThat(reader.next()).isEmpty();
        assertThat(reader.next()).isEmpty();
    }

    @Test
    void aPreambleAnEpilogueTransportPaddingAndFoldedHeadersAreTolerated() throws IOException {
        String body = "preamble text\r\n--not-it\r\n"
            + "--" + BOUNDARY + "  \t\r\n"
            + "CONTENT-TYPE: application/dicom\r\n"
            + "X-Long: first\r\n  second\r\n"
            + "X-Twice: a\r\nx-twice: b\r\n"
            + "\r\n"
            + "first body\r\n"
            + "--" + BOUNDARY + "\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "\r\n"
            + "--" + BOUNDARY + "--   epilogue\r\nwith --" + BOUNDARY + " inside\r\n";

        List<Map<String, String>> headers = new ArrayList<>();
        List<byte[]> bodies = decode(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), headers);

        assertThat(bodies).extracting(b -> new String(b, StandardCharsets.US_ASCII))
            .containsExactly("first body", "");
        assertThat(headers.get(0)).containsExactly(Map.entry("content-type", "application/dicom"),
            Map.entry("x-long", "first second"), Map.entry("x-twice", "a, b"));
    }

    @Test
    void aBodyWithoutPartsHasOnlyTheClosingDelimiter() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new MultipartRelatedWriter(out, BOUNDARY).close();

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("--" + BOUNDARY + "--\r\n");
        assertThat(decode(new ByteArrayInputStream(out.toByteArray()), new ArrayList<>())).isEmpty();
    }

    @Test
    void aBodyWithoutTheFirstBoundaryIsRefused() {
        String body = "just some text\r\n--other-boundary\r\nContent-Type: x\r\n\r\ny\r\n--other-boundary--\r\n";
        List<MultipartRelatedReader.Part> parts = new ArrayList<>();

        assertThatThrownBy(() -> readAll(body, parts)).isInstanceOf(MalformedMultipartException.class)
            .hasMessageContaining("first boundary").hasMessageContaining(BOUNDARY);
        assertThat(parts).isEmpty();
    }

    @Test
    void aHeaderLineThatIsNoNameValuePairIsRefused() {
        String body = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nthis is no header\r\n\r\nbody\r\n"
            + "--" + BOUNDARY + "--\r\n";
        List<MultipartRelatedReader.Part> parts = new ArrayList<>();

        assertThatThrownBy(() -> readAll(body, parts)).isInstanceOf(MalformedMultipartException.class)
            .hasMessageContaining("not a \"name: value\" line").hasMessageContaining("this is no header");
        assertThat(parts).isEmpty();
    }

    @Test
    void headersOfMoreThan16KiBAreRefused() {
        String body = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\nX-Big: " + "x".repeat(16 * 1024)
            + "\r\n\r\nbody\r\n--" + BOUNDARY + "--\r\n";
        List<MultipartRelatedReader.Part> parts = new ArrayList<>();

        assertThatThrownBy(() -> readAll(body, parts)).isInstanceOf(MalformedMultipartException.class)
            .hasMessageContaining("exceed 16384 bytes");
        assertThat(parts).isEmpty();
    }

    @Test
    void manyShortHeaderLinesAddUpToTheSameBound() {
        String body = "--" + BOUNDARY + "\r\n" + "X-H: v\r\n".repeat(3000) + "\r\nbody\r\n--" + BOUNDARY + "--\r\n";
        List<MultipartRelatedReader.Part> parts = new ArrayList<>();

        assertThatThrownBy(() -> readAll(body, parts)).isInstanceOf(MalformedMultipartException.class)
            .hasMessageContaining("exceed 16384 bytes");
        assertThat(parts).isEmpty();
    }

    @Test
    void aStreamEndingInsideAPartIsRefused() {
        String body = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\nbody that never ends";
        List<MultipartRelatedReader.Part> parts = new ArrayList<>();

        assertThatThrownBy(() -> readAll(body, parts)).isInstanceOf(MalformedMultipartException.class)
            .hasMessageContaining("ends inside a part").hasMessageContaining("--" + BOUNDARY + "--");
        assertThat(parts).as("the part began, but its body was cut short").hasSize(1);
    }

    @Test
    void aStreamEndingInsideAnUnreadPartIsRefusedByNext() throws IOException {
        String body = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\nbody that never ends";
        MultipartRelatedReader reader = reader(body);
        reader.next().orElseThrow();

        assertThatThrownBy(reader::next).isInstanceOf(MalformedMultipartException.class)
            .hasMessageContaining("ends inside a part");
    }

    @Test
    void aStreamEndingAfterAPartWithoutTheClosingDelimiterIsRefused() {
        for (String end : List.of("", "\r", "-", "\r\n", "\r\nContent-Type: x\r\n")) {
            String body = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\nbody\r\n--" + BOUNDARY + end;
            List<MultipartRelatedReader.Part> parts = new ArrayList<>();

            assertThatThrownBy(() -> readAll(body, parts)).as("ending %s", end.replace("\r\n", "CRLF"))
                .isInstanceOf(MalformedMultipartException.class).hasMessageContaining("before the closing delimiter");
            assertThat(parts).hasSize(1);
        }
    }

    @Test
    void aBoundaryFollowedByOtherTextIsRefused() {
        String body = "--" + BOUNDARY + "\r\nContent-Type: a\r\n\r\nbody\r\n--" + BOUNDARY + "X\r\n\r\n--"
            + BOUNDARY + "--\r\n";
        List<MultipartRelatedReader.Part> parts = new ArrayList<>();

        assertThatThrownBy(() -> readAll(body, parts)).isInstanceOf(MalformedMultipartException.class)
            .hasMessageContaining("followed by something other");
        assertThat(parts).hasSize(1);
    }

    @Test
    void aFiftyMegabytePartStreamsThroughWriterAndReader() throws IOException {
        long size = 50L * 1024 * 1024;
        CountingOutputStream written = new CountingOutputStream();
        try (MultipartRelatedWriter writer = new MultipartRelatedWriter(written, BOUNDARY)) {
            OutputStream part = writer.startPart("application/dicom", Map.of());
            byte[] chunk = new byte[64 * 1024];
            for (long sent = 0; sent < size; sent += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = pattern(sent + i);
                }
                part.write(chunk);
            }
        }
        String head = "--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n";
        String tail = "\r\n--" + BOUNDARY + "--\r\n";
        assertThat(written.count).isEqualTo(head.length() + size + tail.length());

        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
            new ByteArrayInputStream(head.getBytes(StandardCharsets.US_ASCII)), new PatternStream(size),
            new ByteArrayInputStream(tail.getBytes(StandardCharsets.US_ASCII)))));
        MultipartRelatedReader reader = new MultipartRelatedReader(in, BOUNDARY);
        InputStream body = reader.next().orElseThrow().body();
        long received = 0;
        byte[] buffer = new byte[100_003];
        for (int count; (count = body.read(buffer)) >= 0; ) {
            for (int i = 0; i < count; i++) {
                if (buffer[i] != pattern(received + i)) {
                    throw new AssertionError("byte " + (received + i) + " differs");
                }
            }
            received += count;
        }
        assertThat(received).isEqualTo(size);
        assertThat(reader.next()).isEmpty();
    }

    /** Bodies full of what a delimiter search can trip on: CR, LF, dashes and the boundary cut short. */
    private static List<byte[]> trickyBodies() {
        List<byte[]> bodies = new ArrayList<>();
        bodies.add(new byte[0]);
        bodies.add(ascii("\r\n"));
        bodies.add(ascii("--" + BOUNDARY));
        bodies.add(ascii("--" + BOUNDARY + "--\r\n"));
        bodies.add(ascii("\r\n--"));
        for (int cut = 1; cut < BOUNDARY.length(); cut += 3) {
            bodies.add(ascii("x\r\n--" + BOUNDARY.substring(0, cut) + "\r\n--" + BOUNDARY.substring(0, cut)));
        }
        bodies.add(ascii("\r\r\n\n-\r\n-\r\n--\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "\r"));
        Random random = new Random(20);
        for (int i = 0; i < 6; i++) {
            byte[] body = new byte[random.nextInt(200_000)];
            random.nextBytes(body);
            byte[] piece = ascii("\r\n--" + BOUNDARY);
            for (int at = random.nextInt(1000); at + piece.length < body.length; at += 1 + random.nextInt(5000)) {
                System.arraycopy(piece, 0, body, at, 1 + random.nextInt(piece.length - 1));
            }
            bodies.add(body);
        }
        return bodies;
    }

    private static byte[] encode(List<byte[]> bodies) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MultipartRelatedWriter writer = new MultipartRelatedWriter(out, BOUNDARY)) {
            for (int i = 0; i < bodies.size(); i++) {
                try (OutputStream part = writer.startPart("application/octet-stream",
                    Map.of("Content-ID", "<part" + i + ">"))) {
                    part.write(bodies.get(i));
                }
            }
        }
        return out.toByteArray();
    }

    private static List<byte[]> decode(InputStream in, List<Map<String, String>> headers) throws IOException {
        List<byte[]> bodies = new ArrayList<>();
        try (MultipartRelatedReader reader = new MultipartRelatedReader(in, BOUNDARY)) {
            for (Optional<MultipartRelatedReader.Part> part = reader.next(); part.isPresent(); part = reader.next()) {
                headers.add(part.get().headers());
                bodies.add(part.get().body().readAllBytes());
            }
        }
        return bodies;
    }

    private static void readAll(String body, List<MultipartRelatedReader.Part> parts) throws IOException {
        MultipartRelatedReader reader = reader(body);
        for (Optional<MultipartRelatedReader.Part> part = reader.next(); part.isPresent(); part = reader.next()) {
            parts.add(part.get());
            part.get().body().readAllBytes();
        }
    }

    private static MultipartRelatedReader reader(String body) {
        return new MultipartRelatedReader(new Dribble(
            new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)), 3), BOUNDARY);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte pattern(long index) {
        // the delimiter but for its last character, over and over: a near miss every 23 bytes
        return (byte) NEAR_MISS.charAt((int) (index % NEAR_MISS.length()));
    }

    /** Returns 1 to 7 bytes per read, as a slow network does. */
    private static final class Dribble extends FilterInputStream {
        private final Random random;

        Dribble(InputStream in, long seed) {
            super(in);
            this.random = new Random(seed);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(7)));
        }
    }

    /** Generates the pattern without holding it. */
    private static final class PatternStream extends InputStream {
        private final long size;
        private long position;

        PatternStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? pattern(position++) & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= size) {
                return -1;
            }
            int count = (int) Math.min(length, size - position);
            for (int i = 0; i < count; i++) {
                buffer[offset + i] = pattern(position++);
            }
            return count;
        }
    }

    private static final class CountingOutputStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            count += length;
        }
    }
}
