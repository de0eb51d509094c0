package org.rispacs.dicom.web;

/** A run of bytes in a stored file: where it starts and how long it is. */
public record ByteRange(long offset, long length) {

    public ByteRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("a byte range cannot be negative: " + offset + "+" + length);
        }
    }
}
