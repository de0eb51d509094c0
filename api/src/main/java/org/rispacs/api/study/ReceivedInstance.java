package org.rispacs.api.study;

/** One stored SOP instance, as the archive wrote it; the image attributes are null when the object has none. */
public record ReceivedInstance(
        String sopInstanceUid,
        String sopClassUid,
        String transferSyntaxUid,
        long size,
        String sha256,
        Integer instanceNumber,
        Integer rows,
        Integer columns,
        Integer numberOfFrames) {

    /** An instance recorded without its image attributes (events stored before they were kept have none). */
    public ReceivedInstance(String sopInstanceUid, String sopClassUid, String transferSyntaxUid, long size,
                            String sha256) {
        this(sopInstanceUid, sopClassUid, transferSyntaxUid, size, sha256, null, null, null, null);
    }
}
