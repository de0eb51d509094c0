package org.rispacs.hl7.outbound;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.rispacs.hl7.mllp.MllpFrameReader;
import org.rispacs.hl7.mllp.MllpFrames;
import org.rispacs.hl7.tls.MllpTls;

/**
 * Sends one message per connection and waits for its acknowledgement, never longer than the
 * destination's connect and read timeouts: the read timeout bounds the whole answer, so a peer
 * trickling bytes cannot hold the caller.
 */
public final class MllpClient {

    private final int maxAckSize;
    private final MllpTls tls;

    public MllpClient(int maxAckSize) {
        this(maxAckSize, null);
    }

    /** @param tls the TLS set-up for destinations marked {@code tls}; null when none is configured */
    public MllpClient(int maxAckSize, MllpTls tls) {
        this.maxAckSize = maxAckSize;
        this.tls = tls;
    }

    /** The acknowledgement's text (UTF-8), or an exception saying why there is none. */
    public String exchange(OutboundDestination to, String message) throws IOException {
        if (to.tls() && tls == null) {
            throw new IOException("destination " + to.name() + " asks for TLS, but ris.hl7.tls is not configured");
        }
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(to.host(), to.port()), millis(to.connectTimeout()));
            plain.setTcpNoDelay(true);
            return to.tls() ? exchangeOverTls(to, plain, message) : exchange(to, plain, message);
        }
    }

    private String exchangeOverTls(OutboundDestination to, Socket plain, String message) throws IOException {
        // the handshake is part of connecting: bounded by the connect timeout
        plain.setSoTimeout(millis(to.connectTimeout()));
        try (Socket socket = tls.clientSession(plain, to.host(), to.port())) {
            return exchange(to, socket, message);
        }
    }

    private String exchange(OutboundDestination to, Socket socket, String message) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(MllpFrames.frame(message.getBytes(StandardCharsets.UTF_8)));
        out.flush();
        Instant deadline = Instant.now().plus(to.readTimeout());
        MllpFrameReader reader = new MllpFrameReader(
                new DeadlineInputStream(socket, new BufferedInputStream(socket.getInputStream()), deadline),
                maxAckSize);
        MllpFrameReader.Frame frame = reader.next();
        if (frame == null) {
            throw new IOException("connection closed without an acknowledgement");
        }
        if (frame.oversized()) {
            throw new IOException("acknowledgement larger than " + maxAckSize + " bytes");
        }
        return new String(frame.payload(), StandardCharsets.UTF_8);
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    /** Sets the socket timeout before each read to what is left until the deadline. */
    private static final class DeadlineInputStream extends InputStream {

        private final Socket socket;
        private final InputStream in;
        private final Instant deadline;

        DeadlineInputStream(Socket socket, InputStream in, Instant deadline) {
            this.socket = socket;
            this.in = in;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            if (in.available() == 0) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new SocketTimeoutException("no complete acknowledgement within the read timeout");
                }
                socket.setSoTimeout(millis(left));
            }
            return in.read();
        }
    }
}
