package org.rispacs.dicom.ul.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PduReader;
import org.rispacs.dicom.ul.pdu.PduWriter;

/**
 * The TCP connection under one association: PDUs in, PDUs out. Nagle's algorithm is off, as
 * DIMSE is request/response and a delayed last segment stalls every exchange.
 */
public final class Connection implements AutoCloseable {

    /** Peers overshoot the announced maximum by a PDU header now and then; tolerate that much. */
    private static final long P_DATA_HEADROOM = 1024;

    private final Socket socket;
    private final PduReader reader;
    private final PduWriter writer;

    public Connection(Socket socket, long maxReceivePduLength) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        long limit = maxReceivePduLength == 0 ? Integer.MAX_VALUE - 8 : maxReceivePduLength + P_DATA_HEADROOM;
        this.reader = new PduReader(new BufferedInputStream(socket.getInputStream(), 64 * 1024), limit);
        this.writer = new PduWriter(new BufferedOutputStream(socket.getOutputStream(), 64 * 1024));
    }

    public Pdu read() throws IOException {
        return reader.read();
    }

    public void write(Pdu pdu) throws IOException {
        writer.write(pdu);
    }

    /** Bounds how long a read may block: the idle timeout of an established association. */
    public void readTimeout(int millis) throws SocketException {
        socket.setSoTimeout(millis);
    }

    public String remote() {
        return socket.getRemoteSocketAddress().toString();
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is best effort: the peer may already be gone
        }
    }
}
