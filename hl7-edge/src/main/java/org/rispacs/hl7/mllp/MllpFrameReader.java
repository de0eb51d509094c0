package org.rispacs.hl7.mllp;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads MLLP frames (VT payload FS CR) from a stream. Bytes between frames are skipped; a
 * payload longer than the limit is read to its end and reported as oversized, with its first
 * bytes kept so that the message header can still be answered. A start block inside a frame means
 * the sender abandoned that frame and began again: the unfinished bytes are dropped and the frame
 * restarts there, so that the complete message which follows is not swallowed into the broken one.
 */
public final class MllpFrameReader {

    private static final Logger log = LoggerFactory.getLogger(MllpFrameReader.class);

    static final int START_BLOCK = 0x0B;
    static final int END_BLOCK = 0x1C;
    static final int CARRIAGE_RETURN = 0x0D;
    private static final int KEPT_PREFIX_OF_OVERSIZED = 4096;

    private final InputStream in;
    private final int maxPayload;

    public MllpFrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    /** The next frame, or null at a clean end of stream between frames. */
    public Frame next() throws IOException {
        int skipped = 0;
        int b;
        while ((b = in.read()) != START_BLOCK) {
            if (b < 0) {
                return null;
            }
            if (++skipped > maxPayload) {
                throw new MllpProtocolException("more than " + maxPayload + " bytes outside any MLLP frame");
            }
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int length = 0;
        b = in.read();
        while (true) {
            if (b < 0) {
                throw new EOFException("connection closed inside an MLLP frame");
            }
            if (b == START_BLOCK) {
                if (length > 0) {
                    log.warn("Discarding {} bytes of an MLLP frame that was restarted before its end", length);
                }
                payload.reset();
                length = 0;
            } else if (b == END_BLOCK) {
                int next = in.read();
                if (next == CARRIAGE_RETURN || next < 0) {
                    return new Frame(payload.toByteArray(), length > maxPayload);
                }
                // FS not followed by CR is data (never legal in HL7 text, but not ours to judge here)
                length = append(payload, END_BLOCK, length);
                b = next;
                continue;
            } else {
                length = append(payload, b, length);
            }
            b = in.read();
        }
    }

    private int append(ByteArrayOutputStream payload, int b, int length) {
        if (length < maxPayload) {
            payload.write(b);
        } else if (length == maxPayload) {
            byte[] kept = payload.toByteArray();
            payload.reset();
            payload.write(kept, 0, Math.min(kept.length, KEPT_PREFIX_OF_OVERSIZED));
        }
        return length + 1;
    }

    /** One received payload; when oversized, only its beginning. */
    public record Frame(byte[] payload, boolean oversized) {
    }
}
