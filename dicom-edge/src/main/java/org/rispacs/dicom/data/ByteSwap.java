package org.rispacs.dicom.data;

/** Reverses the byte order of binary values. */
final class ByteSwap {
    private ByteSwap() {
    }

    /** A copy of value with each number of the VR's size reversed; the value itself when nothing changes. */
    static byte[] swapped(VR vr, byte[] value) {
        int size = vr.bytesPerNumber();
        if (size == 1 || value.length < size) {
            return value;
        }
        byte[] result = value.clone();
        for (int start = 0; start + size <= result.length; start += size) {
            for (int low = start, high = start + size - 1; low < high; low++, high--) {
                byte swap = result[low];
                result[low] = result[high];
                result[high] = swap;
            }
        }
        return result;
    }
}
