package org.rispacs.dicom.data;

import java.util.ArrayList;
import java.util.List;

/** The items of encapsulated pixel data; the first one is the Basic Offset Table, possibly empty. */
final class Fragments {
    private final List<byte[]> items = new ArrayList<>();

    List<byte[]> items() {
        return items;
    }
}
