package org.rispacs.dicom.data;

import java.util.HexFormat;

/** Reference bytes written as hex with spaces for readability. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String spacedHex) {
        return HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
    }

    static String text(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
