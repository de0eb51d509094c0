package org.rispacs.dicom.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.rispacs.dicom.ul.association.Association;
import org.rispacs.dicom.ul.pdu.PDataTf;
import org.rispacs.dicom.ul.pdu.PresentationDataValue;

/**
 * Splits a DIMSE message into P-DATA-TF PDUs no larger than the peer accepts (PS3.8 Annex E):
 * first the command, then the data set, each with its last fragment flagged.
 */
public final class MessageSender {

    /** Fragment size when the peer announced no limit. */
    private static final int UNLIMITED_FRAGMENT = 64 * 1024;
    /** A PDV item adds 4 length bytes, a context id and a header byte inside the PDU. */
    private static final int PDV_OVERHEAD = 6;

    private MessageSender() {
    }

    /**
     * Sends one message. The fragments of one message go out together, also when two threads send
     * on the association (a response from its reader, an N-EVENT-REPORT from elsewhere).
     */
    public static void send(Association association, int contextId, byte[] command, byte[] dataset) {
        synchronized (association) {
            int size = fragmentSize(association);
            sendBytes(association, contextId, true, command, size);
            if (dataset != null) {
                sendBytes(association, contextId, false, dataset, size);
            }
        }
    }

    /** Streams a data set from {@code dataset} without holding it in memory. */
    public static void send(Association association, int contextId, byte[] command, InputStream dataset)
            throws IOException {
        synchronized (association) {
            streamed(association, contextId, command, dataset);
        }
    }

    private static void streamed(Association association, int contextId, byte[] command, InputStream dataset)
            throws IOException {
        int size = fragmentSize(association);
        sendBytes(association, contextId, true, command, size);
        byte[] current = dataset.readNBytes(size);
        while (true) {
            byte[] next = dataset.readNBytes(size);
            boolean last = next.length == 0;
            association.send(new PDataTf(List.of(new PresentationDataValue(contextId, false, last, current))));
            if (last) {
                return;
            }
            current = next;
        }
    }

    private static void sendBytes(Association association, int contextId, boolean command, byte[] bytes, int size) {
        int offset = 0;
        do {
            int length = Math.min(size, bytes.length - offset);
            byte[] fragment = new byte[length];
            System.arraycopy(bytes, offset, fragment, 0, length);
            offset += length;
            association.send(new PDataTf(List.of(new PresentationDataValue(contextId, command,
                    offset >= bytes.length, fragment))));
        } while (offset < bytes.length);
    }

    private static int fragmentSize(Association association) {
        long peerMax = association.peerMaxPduLength();
        return peerMax == 0 || peerMax > UNLIMITED_FRAGMENT + PDV_OVERHEAD ? UNLIMITED_FRAGMENT
                : (int) peerMax - PDV_OVERHEAD;
    }
}
