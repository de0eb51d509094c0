package org.rispacs.hl7.mllp;

/** Wraps a payload in MLLP's start and end blocks. */
public final class MllpFrames {

    private MllpFrames() {
    }

    public static byte[] frame(byte[] payload) {
        byte[] framed = new byte[payload.length + 3];
        framed[0] = MllpFrameReader.START_BLOCK;
        System.arraycopy(payload, 0, framed, 1, payload.length);
        framed[framed.length - 2] = MllpFrameReader.END_BLOCK;
        framed[framed.length - 1] = MllpFrameReader.CARRIAGE_RETURN;
        return framed;
    }
}
