package org.rispacs.dicom.data;

/** Value Representations of PS3.5 section 6.2. */
public enum VR {
    AE(Kind.TEXT), AS(Kind.TEXT), AT(Kind.BINARY), CS(Kind.TEXT), DA(Kind.TEXT), DS(Kind.TEXT), DT(Kind.TEXT),
    FL(Kind.BINARY), FD(Kind.BINARY), IS(Kind.TEXT), LO(Kind.TEXT), LT(Kind.TEXT), OB(Kind.BINARY),
    OD(Kind.BINARY), OF(Kind.BINARY), OL(Kind.BINARY), OV(Kind.BINARY), OW(Kind.BINARY), PN(Kind.TEXT),
    SH(Kind.TEXT), SL(Kind.BINARY), SQ(Kind.SEQUENCE), SS(Kind.BINARY), ST(Kind.TEXT), SV(Kind.BINARY),
    TM(Kind.TEXT), UC(Kind.TEXT), UI(Kind.UID), UL(Kind.BINARY), UN(Kind.BINARY), UR(Kind.TEXT),
    US(Kind.BINARY), UT(Kind.TEXT), UV(Kind.BINARY);

    private enum Kind { TEXT, UID, BINARY, SEQUENCE }

    private final Kind kind;
    private final int code;

    VR(Kind kind) {
        this.kind = kind;
        this.code = name().charAt(0) << 8 | name().charAt(1);
    }

    /** The two ASCII characters of the VR as a big-endian 16-bit number, e.g. 0x504E for PN. */
    public int code() {
        return code;
    }

    /** True when explicit VR encoding uses 2 reserved bytes and a 32-bit length (PS3.5 7.1.2). */
    public boolean explicitLongLength() {
        return switch (this) {
            case OB, OD, OF, OL, OV, OW, SQ, UC, UN, UR, UT, SV, UV -> true;
            default -> false;
        };
    }

    /** True for character string VRs, UI included. */
    public boolean isString() {
        return kind == Kind.TEXT || kind == Kind.UID;
    }

    /** True for the VRs whose values are decoded with the Specific Character Set (0008,0005). */
    public boolean usesSpecificCharacterSet() {
        return switch (this) {
            case LO, LT, PN, SH, ST, UC, UT -> true;
            default -> false;
        };
    }

    /** True for text VRs that hold a single value, so a backslash is text and not a delimiter. */
    public boolean isSingleValuedText() {
        return switch (this) {
            case LT, ST, UT, UR -> true;
            default -> false;
        };
    }

    /**
     * The size of one binary number that changes with the byte order: 2 for AT (swapped per 16-bit half),
     * OW, SS and US; 4 for FL, OF, OL, SL and UL; 8 for FD, OD, OV, SV and UV; 1 for everything else.
     */
    public int bytesPerNumber() {
        return switch (this) {
            case AT, OW, SS, US -> 2;
            case FL, OF, OL, SL, UL -> 4;
            case FD, OD, OV, SV, UV -> 8;
            default -> 1;
        };
    }

    /** The byte that pads an odd-length value: space for text, NUL for UI and binary values. */
    public byte padding() {
        return kind == Kind.TEXT ? (byte) 0x20 : 0x00;
    }

    /** The VR of its two ASCII characters as a big-endian 16-bit number; null when it is no known VR. */
    public static VR fromCodeOrNull(int twoBytes) {
        int first = twoBytes >>> 8 & 0xFF;
        int second = twoBytes & 0xFF;
        if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
            return null;
        }
        for (VR vr : values()) {
            if (vr.code == (first << 8 | second)) {
                return vr;
            }
        }
        return null;
    }

    /** The VR of its two ASCII characters as a big-endian 16-bit number; throws when it is no known VR. */
    public static VR fromCode(int twoBytes) {
        VR vr = fromCodeOrNull(twoBytes);
        if (vr == null) {
            throw new IllegalArgumentException(String.format("unknown VR code 0x%04X", twoBytes & 0xFFFF));
        }
        return vr;
    }

    public static VR fromCode(String code) {
        if (code == null || code.length() != 2) {
            throw new IllegalArgumentException("a VR has two characters: " + code);
        }
        return fromCode(code.charAt(0) << 8 | code.charAt(1));
    }
}
