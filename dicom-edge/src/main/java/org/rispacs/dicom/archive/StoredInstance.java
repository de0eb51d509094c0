package org.rispacs.dicom.archive;

import java.nio.file.Path;
import org.rispacs.dicom.data.Attributes;

/**
 * An instance the archive holds: where, how large, its SHA-256 (hex, over the whole Part 10
 * file), its header as received (without pixel data), and whether it was already there.
 */
public record StoredInstance(Path path, String sopClassUid, String sopInstanceUid, String transferSyntaxUid,
                             long size, String sha256, Attributes header, boolean duplicate) {
}
