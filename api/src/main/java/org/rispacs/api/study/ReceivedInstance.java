package org.rispacs.api.study;

/** One stored SOP instance, as the archive wrote it. */
public record ReceivedInstance(
        String sopInstanceUid,
        String sopClassUid,
        String transferSyntaxUid,
        long size,
        String sha256) {
}
