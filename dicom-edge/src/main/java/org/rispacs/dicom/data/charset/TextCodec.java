package org.rispacs.dicom.data.charset;

/** How one value of (0008,0005) turns text into bytes and back. */
interface TextCodec {

    String decode(byte[] bytes, int offset, int length, boolean personName);

    byte[] encode(String value, boolean personName);
}
