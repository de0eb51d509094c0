package org.rispacs.command.order;

import java.util.regex.Pattern;

/** DICOM UID syntax (PS3.5 9.1): dot-separated numbers without leading zeros, at most 64 characters. */
final class DicomUids {

    private static final Pattern UID = Pattern.compile("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*))+");

    private DicomUids() {
    }

    static boolean valid(String uid) {
        return uid != null && uid.length() <= 64 && UID.matcher(uid).matches();
    }
}
