package org.rispacs.dicom.dimse;

/** Values of Command Field (0000,0100), PS3.7 Annex E. */
public final class CommandField {

    public static final int C_STORE_RQ = 0x0001;
    public static final int C_GET_RQ = 0x0010;
    public static final int C_FIND_RQ = 0x0020;
    public static final int C_MOVE_RQ = 0x0021;
    public static final int C_ECHO_RQ = 0x0030;
    public static final int N_EVENT_REPORT_RQ = 0x0100;
    public static final int N_GET_RQ = 0x0110;
    public static final int N_SET_RQ = 0x0120;
    public static final int N_ACTION_RQ = 0x0130;
    public static final int N_CREATE_RQ = 0x0140;
    public static final int N_DELETE_RQ = 0x0150;
    public static final int C_CANCEL_RQ = 0x0FFF;

    private static final int RESPONSE_BIT = 0x8000;

    private CommandField() {
    }

    public static int responseTo(int requestField) {
        return requestField | RESPONSE_BIT;
    }

    public static boolean isResponse(int field) {
        return (field & RESPONSE_BIT) != 0;
    }
}
