package org.rispacs.dicom.data.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/** The character sets DICOM allows only without code extensions and that the JDK covers whole: UTF-8, GB18030, GBK. */
final class JdkCharsetCodec implements TextCodec {

    private final Charset charset;

    JdkCharsetCodec(Charset charset) {
        this.charset = charset;
    }

    @Override
    public String decode(byte[] bytes, int offset, int length, boolean personName) {
        return new String(bytes, offset, length, charset);
    }

    @Override
    public byte[] encode(String value, boolean personName) {
        try {
            ByteBuffer encoded = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] result = new byte[encoded.remaining()];
            encoded.get(result);
            return result;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Cannot encode in " + charset.name() + ": " + value, e);
        }
    }
}
