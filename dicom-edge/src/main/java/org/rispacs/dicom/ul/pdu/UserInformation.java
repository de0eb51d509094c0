package org.rispacs.dicom.ul.pdu;

import java.util.List;

/**
 * The user information item of A-ASSOCIATE-RQ/AC: maximum length of the P-DATA-TF PDUs the
 * sender can receive (0 = unlimited), implementation identification, asynchronous operations
 * window (0 = unlimited; null when absent) and role selections. Sub-items we do not interpret are
 * kept so that nothing the peer said is silently lost in logs.
 */
public record UserInformation(
        long maxPduLength,
        String implementationClassUid,
        String implementationVersionName,
        AsyncOperationsWindow asyncOperationsWindow,
        List<RoleSelection> roleSelections,
        List<UnknownSubItem> otherSubItems) {

    public UserInformation {
        roleSelections = List.copyOf(roleSelections);
        otherSubItems = List.copyOf(otherSubItems);
    }

    public record AsyncOperationsWindow(int maxInvoked, int maxPerformed) {
    }

    public record UnknownSubItem(int type, byte[] value) {
    }
}
