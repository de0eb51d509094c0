package org.rispacs.dicom.ul.pdu;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes PDUs from a transport stream. Every declared length is checked against what the
 * enclosing structure and our limits allow before anything is allocated: the bytes come from
 * the network.
 */
public final class PduReader {

    /** A-ASSOCIATE-RQ/AC are small; anything larger is hostile or broken. */
    static final int MAX_ASSOCIATE_PDU_LENGTH = 1 << 20;

    private final DataInputStream in;
    private final long maxPDataLength;
    /** P-DATA-TF bodies are read here, reused: received PDVs are views into it until the next read. */
    private byte[] pData = new byte[0];

    /**
     * @param maxPDataLength the largest P-DATA-TF PDU we accept: the maximum length we announced
     *                       (peers often exceed it slightly, so callers may add headroom)
     */
    public PduReader(InputStream in, long maxPDataLength) {
        this.in = new DataInputStream(in);
        this.maxPDataLength = maxPDataLength;
    }

    /** The next PDU; {@link EOFException} when the peer closed the connection between PDUs. */
    public Pdu read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed");
        }
        in.readUnsignedByte();
        long length = Integer.toUnsignedLong(in.readInt());
        return switch (type) {
            case Pdu.ASSOCIATE_RQ, Pdu.ASSOCIATE_AC -> readAssociate(type, body(length, MAX_ASSOCIATE_PDU_LENGTH));
            case Pdu.ASSOCIATE_RJ -> {
                DataInputStream body = body(length, 4, 4);
                body.readUnsignedByte();
                yield new AssociateRj(body.readUnsignedByte(), body.readUnsignedByte(), body.readUnsignedByte());
            }
            case Pdu.P_DATA_TF -> readPData(length);
            case Pdu.RELEASE_RQ -> {
                body(length, 4, 4);
                yield new ReleaseRq();
            }
            case Pdu.RELEASE_RP -> {
                body(length, 4, 4);
                yield new ReleaseRp();
            }
            case Pdu.ABORT -> {
                DataInputStream body = body(length, 4, 4);
                body.readUnsignedShort();
                yield new Abort(body.readUnsignedByte(), body.readUnsignedByte());
            }
            default -> throw new PduFormatException(Abort.UNRECOGNIZED_PDU,
                    "unrecognised PDU type 0x" + Integer.toHexString(type));
        };
    }

    private DataInputStream body(long length, long max) throws IOException {
        return body(length, 0, max);
    }

    private DataInputStream body(long length, long min, long max) throws IOException {
        if (length < min || length > max) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                    "PDU length " + length + " outside " + min + ".." + max);
        }
        byte[] bytes = new byte[(int) length];
        in.readFully(bytes);
        return new DataInputStream(new ByteArrayInputStream(bytes));
    }

    private PDataTf readPData(long length) throws IOException {
        if (length > maxPDataLength) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                    "PDU length " + length + " outside 0.." + maxPDataLength);
        }
        int end = (int) length;
        if (pData.length < end) {
            pData = new byte[end];
        }
        in.readFully(pData, 0, end);
        List<PresentationDataValue> values = new ArrayList<>();
        int position = 0;
        while (position < end) {
            if (end - position < 6) {
                throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE, "truncated PDV item");
            }
            long itemLength = uint32(pData, position);
            if (itemLength < 2 || itemLength > end - position - 4) {
                throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                        "PDV item length " + itemLength + " does not fit its PDU");
            }
            int contextId = pData[position + 4] & 0xFF;
            int header = pData[position + 5] & 0xFF;
            values.add(new PresentationDataValue(contextId, (header & 0x01) != 0, (header & 0x02) != 0,
                    pData, position + 6, (int) itemLength - 2));
            position += 4 + (int) itemLength;
        }
        if (values.isEmpty()) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without PDV items");
        }
        return new PDataTf(values);
    }

    private static long uint32(byte[] bytes, int at) {
        return Integer.toUnsignedLong((bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16
                | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF));
    }

    private static Pdu readAssociate(int type, DataInputStream body) throws IOException {
        int protocolVersion = body.readUnsignedShort();
        body.readUnsignedShort();
        String called = text(readBytes(body, 16));
        String calling = text(readBytes(body, 16));
        body.skipNBytes(32);
        String applicationContext = null;
        List<PresentationContextProposal> proposals = new ArrayList<>();
        List<PresentationContextResult> results = new ArrayList<>();
        UserInformation user = null;
        while (body.available() > 0) {
            int itemType = body.readUnsignedByte();
            body.readUnsignedByte();
            DataInputStream item = subItem(body);
            switch (itemType) {
                case 0x10 -> applicationContext = text(item.readAllBytes());
                case 0x20 -> proposals.add(readProposal(item));
                case 0x21 -> results.add(readResult(item));
                case 0x50 -> user = readUserInformation(item);
                default -> throw new PduFormatException(Abort.UNRECOGNIZED_PDU_PARAMETER,
                        "unrecognised item type 0x" + Integer.toHexString(itemType));
            }
        }
        if (applicationContext == null || user == null) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                    "A-ASSOCIATE without application context or user information");
        }
        return type == Pdu.ASSOCIATE_RQ
                ? new AssociateRq(protocolVersion, called, calling, applicationContext, proposals, user)
                : new AssociateAc(protocolVersion, called, calling, applicationContext, results, user);
    }

    private static PresentationContextProposal readProposal(DataInputStream item) throws IOException {
        int id = item.readUnsignedByte();
        item.skipNBytes(3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (item.available() > 0) {
            int subType = item.readUnsignedByte();
            item.readUnsignedByte();
            String uid = text(subItem(item).readAllBytes());
            if (subType == 0x30) {
                abstractSyntax = uid;
            } else if (subType == 0x40) {
                transferSyntaxes.add(uid);
            } else {
                throw new PduFormatException(Abort.UNRECOGNIZED_PDU_PARAMETER,
                        "unrecognised presentation context sub-item 0x" + Integer.toHexString(subType));
            }
        }
        if (abstractSyntax == null || transferSyntaxes.isEmpty()) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                    "presentation context " + id + " lacks its abstract or transfer syntax");
        }
        return new PresentationContextProposal(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextResult readResult(DataInputStream item) throws IOException {
        int id = item.readUnsignedByte();
        item.readUnsignedByte();
        int result = item.readUnsignedByte();
        item.readUnsignedByte();
        String transferSyntax = null;
        while (item.available() > 0) {
            int subType = item.readUnsignedByte();
            item.readUnsignedByte();
            String uid = text(subItem(item).readAllBytes());
            if (subType == 0x40) {
                transferSyntax = uid;
            }
        }
        return new PresentationContextResult(id, result, transferSyntax);
    }

    private static UserInformation readUserInformation(DataInputStream item) throws IOException {
        long maxLength = 0;
        String classUid = null;
        String versionName = null;
        UserInformation.AsyncOperationsWindow window = null;
        List<RoleSelection> roles = new ArrayList<>();
        List<UserInformation.UnknownSubItem> others = new ArrayList<>();
        while (item.available() > 0) {
            int subType = item.readUnsignedByte();
            item.readUnsignedByte();
            DataInputStream sub = subItem(item);
            switch (subType) {
                case 0x51 -> maxLength = Integer.toUnsignedLong(sub.readInt());
                case 0x52 -> classUid = text(sub.readAllBytes());
                case 0x53 -> window = new UserInformation.AsyncOperationsWindow(sub.readUnsignedShort(),
                        sub.readUnsignedShort());
                case 0x54 -> {
                    String sopClass = text(readBytes(sub, sub.readUnsignedShort()));
                    roles.add(new RoleSelection(sopClass, sub.readUnsignedByte() == 1, sub.readUnsignedByte() == 1));
                }
                case 0x55 -> versionName = text(sub.readAllBytes());
                default -> others.add(new UserInformation.UnknownSubItem(subType, sub.readAllBytes()));
            }
        }
        return new UserInformation(maxLength, classUid, versionName, window, roles, others);
    }

    private static DataInputStream subItem(DataInputStream parent) throws IOException {
        int length = parent.readUnsignedShort();
        if (length > parent.available()) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE,
                    "item length " + length + " exceeds its enclosing item");
        }
        return new DataInputStream(new ByteArrayInputStream(readBytes(parent, length)));
    }

    private static byte[] readBytes(DataInputStream in, int length) throws IOException {
        if (length > in.available()) {
            throw new PduFormatException(Abort.INVALID_PDU_PARAMETER_VALUE, "field exceeds its item");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** UIDs are NUL-padded and AE titles space-padded: neither padding is significant. */
    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
    }
}
