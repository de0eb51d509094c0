package org.rispacs.dicom.ul.pdu;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Encodes PDUs; each PDU goes to the stream in one write so that PDUs of two threads never interleave. */
public final class PduWriter {

    private final OutputStream out;

    public PduWriter(OutputStream out) {
        this.out = out;
    }

    public synchronized void write(Pdu pdu) throws IOException {
        out.write(encode(pdu));
        out.flush();
    }

    public static byte[] encode(Pdu pdu) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream data = new DataOutputStream(body);
            int type;
            if (pdu instanceof AssociateRq rq) {
                writeAssociateHeader(data, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
                item(data, 0x10, ascii(rq.applicationContext()));
                for (PresentationContextProposal proposal : rq.presentationContexts()) {
                    ByteArrayOutputStream sub = new ByteArrayOutputStream();
                    DataOutputStream subData = new DataOutputStream(sub);
                    subData.write(new byte[] {(byte) proposal.id(), 0, 0, 0});
                    item(subData, 0x30, ascii(proposal.abstractSyntax()));
                    for (String transferSyntax : proposal.transferSyntaxes()) {
                        item(subData, 0x40, ascii(transferSyntax));
                    }
                    item(data, 0x20, sub.toByteArray());
                }
                item(data, 0x50, userInformation(rq.userInformation()));
                type = Pdu.ASSOCIATE_RQ;
            } else if (pdu instanceof AssociateAc ac) {
                writeAssociateHeader(data, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
                item(data, 0x10, ascii(ac.applicationContext()));
                for (PresentationContextResult result : ac.presentationContexts()) {
                    ByteArrayOutputStream sub = new ByteArrayOutputStream();
                    DataOutputStream subData = new DataOutputStream(sub);
                    subData.write(new byte[] {(byte) result.id(), 0, (byte) result.result(), 0});
                    // PS3.8 9.3.3.2: the transfer syntax sub-item is present but not significant on rejection
                    item(subData, 0x40, ascii(result.transferSyntax() != null ? result.transferSyntax() : ""));
                    item(data, 0x21, sub.toByteArray());
                }
                item(data, 0x50, userInformation(ac.userInformation()));
                type = Pdu.ASSOCIATE_AC;
            } else if (pdu instanceof AssociateRj rj) {
                data.write(new byte[] {0, (byte) rj.result(), (byte) rj.source(), (byte) rj.reason()});
                type = Pdu.ASSOCIATE_RJ;
            } else if (pdu instanceof PDataTf pData) {
                for (PresentationDataValue value : pData.values()) {
                    data.writeInt(value.length() + 2);
                    data.writeByte(value.presentationContextId());
                    data.writeByte(value.headerByte());
                    value.writeTo(data);
                }
                type = Pdu.P_DATA_TF;
            } else if (pdu instanceof ReleaseRq) {
                data.writeInt(0);
                type = Pdu.RELEASE_RQ;
            } else if (pdu instanceof ReleaseRp) {
                data.writeInt(0);
                type = Pdu.RELEASE_RP;
            } else {
                Abort abort = (Abort) pdu;
                data.write(new byte[] {0, 0, (byte) abort.source(), (byte) abort.reason()});
                type = Pdu.ABORT;
            }
            byte[] content = body.toByteArray();
            ByteArrayOutputStream whole = new ByteArrayOutputStream(content.length + 6);
            DataOutputStream header = new DataOutputStream(whole);
            header.writeByte(type);
            header.writeByte(0);
            header.writeInt(content.length);
            header.write(content);
            return whole.toByteArray();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static void writeAssociateHeader(DataOutputStream data, int version, String called, String calling)
            throws IOException {
        data.writeShort(version);
        data.writeShort(0);
        data.write(aeTitle(called));
        data.write(aeTitle(calling));
        data.write(new byte[32]);
    }

    private static byte[] userInformation(UserInformation user) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(bytes);
        ByteArrayOutputStream max = new ByteArrayOutputStream();
        new DataOutputStream(max).writeInt((int) user.maxPduLength());
        item(data, 0x51, max.toByteArray());
        item(data, 0x52, ascii(user.implementationClassUid()));
        if (user.asyncOperationsWindow() != null) {
            ByteArrayOutputStream window = new ByteArrayOutputStream();
            DataOutputStream windowData = new DataOutputStream(window);
            windowData.writeShort(user.asyncOperationsWindow().maxInvoked());
            windowData.writeShort(user.asyncOperationsWindow().maxPerformed());
            item(data, 0x53, window.toByteArray());
        }
        for (RoleSelection role : user.roleSelections()) {
            ByteArrayOutputStream roleBytes = new ByteArrayOutputStream();
            DataOutputStream roleData = new DataOutputStream(roleBytes);
            byte[] uid = ascii(role.sopClassUid());
            roleData.writeShort(uid.length);
            roleData.write(uid);
            roleData.writeByte(role.scu() ? 1 : 0);
            roleData.writeByte(role.scp() ? 1 : 0);
            item(data, 0x54, roleBytes.toByteArray());
        }
        if (user.implementationVersionName() != null) {
            item(data, 0x55, ascii(user.implementationVersionName()));
        }
        return bytes.toByteArray();
    }

    private static void item(DataOutputStream data, int type, byte[] value) throws IOException {
        data.writeByte(type);
        data.writeByte(0);
        data.writeShort(value.length);
        data.write(value);
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] aeTitle(String title) {
        byte[] padded = new byte[16];
        Arrays.fill(padded, (byte) ' ');
        byte[] value = ascii(title);
        System.arraycopy(value, 0, padded, 0, Math.min(16, value.length));
        return padded;
    }
}
