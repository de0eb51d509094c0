package org.rispacs.dicom.web;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;

/** How native pixel samples are laid out (PS3.3 C.7.6.3): sizes, bits stored within bits allocated, sign. */
record PixelFormat(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
                   boolean signed) {

    /** The format the header declares; refused when it is no 8- or 16-bit layout we can read. */
    static PixelFormat of(Attributes header, String name) {
        Integer rows = header.getInt(Tags.Rows);
        Integer columns = header.getInt(Tags.Columns);
        Integer bitsAllocated = header.getInt(Tags.BitsAllocated);
        if (rows == null || columns == null || bitsAllocated == null || rows < 1 || columns < 1) {
            throw new UnsupportedRenderingException(name + " lacks Rows, Columns or Bits Allocated");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16) {
            throw new UnsupportedRenderingException(name + ": " + bitsAllocated
                + " bits allocated per sample; 8 or 16 can be rendered");
        }
        Integer samples = header.getInt(Tags.SamplesPerPixel);
        Integer bitsStored = header.getInt(Tags.BitsStored);
        int stored = bitsStored == null ? bitsAllocated : bitsStored;
        Integer highBit = header.getInt(Tags.HighBit);
        int high = highBit == null ? stored - 1 : highBit;
        if (stored < 1 || stored > bitsAllocated || high >= bitsAllocated || high + 1 < stored) {
            throw new UnsupportedRenderingException(name + ": Bits Stored " + stored + " and High Bit " + high
                + " do not fit in " + bitsAllocated + " bits allocated");
        }
        Integer representation = header.getInt(Tags.PixelRepresentation);
        return new PixelFormat(rows, columns, samples == null ? 1 : samples, bitsAllocated, stored, high,
            representation != null && representation == 1);
    }

    /** The stored value of sample index, its bits outside Bits Stored masked off and its sign applied. */
    int sample(byte[] bytes, int index, boolean bigEndian) {
        int raw;
        if (bitsAllocated == 8) {
            raw = bytes[index] & 0xFF;
        } else {
            int first = bytes[2 * index] & 0xFF;
            int second = bytes[2 * index + 1] & 0xFF;
            raw = bigEndian ? first << 8 | second : second << 8 | first;
        }
        int value = raw >> highBit + 1 - bitsStored & (1 << bitsStored) - 1;
        if (signed && (value & 1 << bitsStored - 1) != 0) {
            value -= 1 << bitsStored;
        }
        return value;
    }
}
