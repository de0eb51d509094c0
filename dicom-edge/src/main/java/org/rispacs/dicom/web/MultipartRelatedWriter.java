package org.rispacs.dicom.web;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a multipart/related body (RFC 2387, RFC 2046 5.1) part by part to an output stream: each part is
 * {@code --boundary CRLF headers CRLF body CRLF}, and {@link #close()} writes {@code --boundary-- CRLF}. The
 * boundary must not occur in any body; {@link MultipartRelated#newBoundary()} makes that practically certain.
 */
public final class MultipartRelatedWriter implements Closeable {
    private final OutputStream out;
    private final byte[] delimiter;
    private PartStream openPart;
    private boolean closed;

    public MultipartRelatedWriter(OutputStream out, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw new IllegalArgumentException("a boundary has 1 to 70 characters: " + boundary);
        }
        this.out = out;
        this.delimiter = ascii("--" + boundary);
    }

    /**
     * Starts a part (ending the previous one if still open) and returns the stream for its body. Closing that
     * stream ends the part, not the output stream.
     */
    public OutputStream startPart(String contentType, Map<String, String> extraHeaders) throws IOException {
        if (closed) {
            throw new IOException("the multipart body is already closed");
        }
        endPart();
        StringBuilder headers = new StringBuilder();
        appendHeader(headers, "Content-Type", contentType);
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            appendHeader(headers, header.getKey(), header.getValue());
        }
        out.write(delimiter);
        out.write(ascii("\r\n" + headers + "\r\n"));
        openPart = new PartStream();
        return openPart;
    }

    /** Ends the open part and writes the closing delimiter; the output stream is flushed, not closed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        endPart();
        closed = true;
        out.write(delimiter);
        out.write(ascii("--\r\n"));
        out.flush();
    }

    private void endPart() throws IOException {
        if (openPart != null) {
            openPart.close();
        }
    }

    private static void appendHeader(StringBuilder headers, String name, String value) {
        boolean validName = name != null && !name.isEmpty()
            && name.chars().allMatch(c -> c > 32 && c < 127 && c != ':');
        boolean validValue = value != null && value.chars().allMatch(c -> c == '\t' || c >= 32 && c < 127);
        if (!validName || !validValue) {
            throw new IllegalArgumentException("not a header a part can carry: " + name + ": " + value);
        }
        headers.append(name).append(": ").append(value).append("\r\n");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The body of the open part; closing it writes the CRLF that belongs to the next delimiter. */
    private final class PartStream extends OutputStream {
        private boolean ended;

        @Override
        public void write(int b) throws IOException {
            checkOpen();
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            checkOpen();
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                ended = true;
                openPart = null;
                out.write('\r');
                out.write('\n');
            }
        }

        private void checkOpen() throws IOException {
            if (ended) {
                throw new IOException("this part has ended");
            }
        }
    }
}
