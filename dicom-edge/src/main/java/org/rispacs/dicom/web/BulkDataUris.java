package org.rispacs.dicom.web;

/**
 * Decides, for a binary value written as DICOM JSON, the BulkDataURI that replaces it, or null to write the
 * value inline. The tag path is the chain of tags from the top data set down to the element: a value inside a
 * sequence gets the tags of the sequences that hold it, without item indexes, so every item of a sequence asks
 * with the same path.
 */
@FunctionalInterface
public interface BulkDataUris {

    /** The URI of the value at this tag path, or null to write it inline. */
    String uriFor(int[] tagPath);

    /** Every binary value inline: InlineBinary for native values, nothing for encapsulated fragments. */
    static BulkDataUris inline() {
        return tagPath -> null;
    }
}
