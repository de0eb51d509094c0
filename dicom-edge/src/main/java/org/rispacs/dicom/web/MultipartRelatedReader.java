package org.rispacs.dicom.web;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a multipart/related body (RFC 2387, RFC 2046 5.1) part by part as it arrives: a part's body is a
 * stream that ends at the next delimiter, found by a search in a fixed buffer, so a part of any size passes
 * through without being held. A preamble before the first delimiter and an epilogue after the closing one
 * are ignored. Framing errors throw {@link MalformedMultipartException}.
 */
public final class MultipartRelatedReader implements Closeable {
    /** Bound on the header lines of one part together. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_TRANSPORT_PADDING = 1024;

    /** One part: header names in lower case; the body must be read before the next part is asked for. */
    public record Part(Map<String, String> headers, InputStream body) {
    }

    private final InputStream in;
    private final String boundary;
    /** CRLF "--" boundary: the delimiter in front of every part and of the closing "--". */
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    /** Where the delimiter search resumes: no delimiter starts between position and here. */
    private int searchedUpTo;
    private boolean inputEnded;
    private boolean finished;
    private boolean started;
    private PartBody currentBody;

    public MultipartRelatedReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MultipartRelated.MAX_BOUNDARY_LENGTH) {
            throw new IllegalArgumentException("a boundary has 1 to " + MultipartRelated.MAX_BOUNDARY_LENGTH
                    + " characters: " + boundary);
        }
        this.in = in;
        this.boundary = boundary;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        // the first delimiter may open the input: a CRLF in front lets one search find it there too
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /**
     * The next part, or empty after the closing delimiter. Whatever the caller left unread of the previous
     * part's body is skipped.
     */
    public Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (!started) {
            started = true;
            if (skipToDelimiter() < 0) {
                throw new MalformedMultipartException("the first boundary \"--" + boundary + "\" never appears");
            }
        } else if (currentBody != null) {
            currentBody.skipRest();
        }
        currentBody = null;
        if (afterDelimiterIsClose()) {
            finished = true;
            return Optional.empty();
        }
        Map<String, String> headers = readHeaders();
        currentBody = new PartBody();
        return Optional.of(new Part(headers, currentBody));
    }

    /** Closes the input stream. */
    @Override
    public void close() throws IOException {
        finished = true;
        in.close();
    }

    /**
     * Discards bytes up to and including the next delimiter; returns the number discarded, -1 when the input
     * ends without one.
     */
    private long skipToDelimiter() throws IOException {
        long skipped = 0;
        while (true) {
            int found = findDelimiter();
            if (found >= 0) {
                skipped += found - position;
                consume(found + delimiter.length);
                return skipped;
            }
            int safe = safeEnd();
            skipped += safe - position;
            consume(safe);
            if (!fill()) {
                return -1;
            }
        }
    }

    /** After a delimiter: "--" closes the body; otherwise optional spaces and CRLF start a part. */
    private boolean afterDelimiterIsClose() throws IOException {
        ensure(2, "the stream ends right after a boundary, before the closing delimiter");
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            consume(position + 2);
            return true;
        }
        int padding = 0;
        while (true) {
            ensure(1, "the stream ends after a boundary, before the closing delimiter");
            byte next = buffer[position];
            if (next == ' ' || next == '\t') {
                consume(position + 1);
                if (++padding > MAX_TRANSPORT_PADDING) {
                    throw new MalformedMultipartException("a boundary line goes on with too much white space");
                }
                continue;
            }
            if (next == '\n') {
                consume(position + 1);
                return false;
            }
            if (next == '\r') {
                ensure(2, "the stream ends after a boundary, before the closing delimiter");
                if (buffer[position + 1] == '\n') {
                    consume(position + 2);
                    return false;
                }
            }
            throw new MalformedMultipartException("the boundary \"--" + boundary
                + "\" is followed by something other than a line end or \"--\"");
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int headerBytes = 0;
        String lastName = null;
        while (true) {
            int lineEnd = findLineEnd(MAX_HEADER_BYTES - headerBytes);
            headerBytes += lineEnd + 1 - position;
            int contentEnd = lineEnd > position && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            String line = new String(buffer, position, contentEnd - position, StandardCharsets.ISO_8859_1);
            consume(lineEnd + 1);
            if (line.isEmpty()) {
                return Collections.unmodifiableMap(headers);
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && lastName != null) {
                // an obsolete folded line continues the previous header (RFC 5322 2.2.3)
                headers.merge(lastName, " " + line.strip(), String::concat);
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon);
            if (name.isEmpty() || !name.chars().allMatch(c -> c > 32 && c < 127)) {
                throw new MalformedMultipartException("a part header is not a \"name: value\" line: " + shorten(line));
            }
            lastName = name.toLowerCase(Locale.ROOT);
            headers.merge(lastName, line.substring(colon + 1).strip(), (first, second) -> first + ", " + second);
        }
    }

    /** The index of the next LF, reading more as needed, within budget bytes of the headers. */
    private int findLineEnd(int budget) throws IOException {
        int from = position;
        while (true) {
            for (int i = from; i < limit; i++) {
                if (buffer[i] == '\n') {
                    if (i + 1 - position > budget) {
                        throw headersTooLong();
                    }
                    return i;
                }
            }
            if (limit - position >= budget) {
                throw headersTooLong();
            }
            from = limit;
            int before = position;
            if (!fill()) {
                throw new MalformedMultipartException("the stream ends in the headers of a part,"
                    + " before the closing delimiter");
            }
            from -= before - position;
        }
    }

    private MalformedMultipartException headersTooLong() {
        return new MalformedMultipartException("the headers of a part exceed " + MAX_HEADER_BYTES + " bytes");
    }

    /** The index in the buffer where the next delimiter starts, or -1 when not among the bytes buffered. */
    private int findDelimiter() {
        int last = limit - delimiter.length;
        int from = Math.max(position, searchedUpTo);
        for (int i = from; i <= last; i++) {
            if (buffer[i] == '\r' && matchesAt(i)) {
                searchedUpTo = i;
                return i;
            }
        }
        searchedUpTo = Math.max(from, last + 1);
        return -1;
    }

    private boolean matchesAt(int start) {
        for (int k = 1; k < delimiter.length; k++) {
            if (buffer[start + k] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    /** The end of the bytes that are surely body: a delimiter may still begin in the last few. */
    private int safeEnd() {
        return Math.max(position, Math.min(searchedUpTo, limit - delimiter.length + 1));
    }

    private void consume(int newPosition) {
        position = newPosition;
    }

    /** Makes count bytes available from position, or fails with the given reason. */
    private void ensure(int count, String reason) throws IOException {
        while (limit - position < count) {
            if (!fill()) {
                throw new MalformedMultipartException(reason);
            }
        }
    }

    /** Moves the unread bytes to the front and reads more; false when the input has ended. */
    private boolean fill() throws IOException {
        if (inputEnded) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            searchedUpTo = Math.max(0, searchedUpTo - position);
            limit -= position;
            position = 0;
        }
        if (limit == buffer.length) {
            throw new IllegalStateException("the buffer is full of unread bytes");
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            inputEnded = true;
            return false;
        }
        limit += read;
        return true;
    }

    private static String shorten(String line) {
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }

    /** The body of the current part: the bytes up to the next delimiter. */
    private final class PartBody extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int count = read(one, 0, 1);
            return count < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended || currentBody != this) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (true) {
                int found = findDelimiter();
                int end = found >= 0 ? found : safeEnd();
                if (end > position) {
                    int count = Math.min(length, end - position);
                    System.arraycopy(buffer, position, target, offset, count);
                    consume(position + count);
                    return count;
                }
                if (found >= 0) {
                    consume(found + delimiter.length);
                    ended = true;
                    return -1;
                }
                if (!fill()) {
                    throw new MalformedMultipartException("the stream ends inside a part,"
                        + " before the closing delimiter \"--" + boundary + "--\"");
                }
            }
        }

        @Override
        public long skip(long count) throws IOException {
            long skipped = 0;
            byte[] sink = new byte[8192];
            while (skipped < count) {
                int read = read(sink, 0, (int) Math.min(sink.length, count - skipped));
                if (read < 0) {
                    break;
                }
                skipped += read;
            }
            return skipped;
        }

        @Override
        public int available() {
            if (ended || currentBody != this) {
                return 0;
            }
            return Math.max(0, safeEnd() - position);
        }

        void skipRest() throws IOException {
            if (!ended) {
                ended = true;
                if (skipToDelimiter() < 0) {
                    throw new MalformedMultipartException("the stream ends inside a part,"
                        + " before the closing delimiter \"--" + boundary + "--\"");
                }
            }
        }
    }
}
