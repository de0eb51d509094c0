package org.rispacs.dicom.service.query;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;

/**
 * The identifier of a Query/Retrieve request (C-FIND, C-MOVE) and its level, checked against the
 * information model the SOP class names: a request that cannot be read or names a level the model
 * lacks is refused with 0xA900.
 */
record QueryIdentifier(Attributes keys, String level, TransferSyntax syntax) {

    static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    private static final Set<String> LEVELS = Set.of("PATIENT", "STUDY", "SERIES", "IMAGE");

    /** The identifier, or the refusal to answer with. */
    record Read(QueryIdentifier identifier, DimseResponse refusal) {
    }

    static Read read(DimseRequest request, byte[] dataset, boolean patientRoot) {
        TransferSyntax syntax = TransferSyntax.forUid(request.context().transferSyntax()).orElseThrow();
        Attributes keys;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(dataset))) {
            keys = reader.readDataset(syntax);
        } catch (IOException | RuntimeException malformed) {
            return new Read(null, DimseResponse.failure(IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "cannot read the identifier: " + malformed.getMessage()));
        }
        String level = keys.getString(Tags.QueryRetrieveLevel);
        level = level == null ? "" : level.trim();
        if (!LEVELS.contains(level) || (!patientRoot && level.equals("PATIENT"))) {
            // said briefly: the Error Comment is an LO of 64 characters at most
            String reason = level.isEmpty() ? "no Query/Retrieve Level (0008,0052)"
                    : "level " + level + " is not " + (patientRoot ? "PATIENT, " : "") + "STUDY, SERIES or IMAGE";
            return new Read(null, DimseResponse.failure(IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, reason));
        }
        return new Read(new QueryIdentifier(keys, level, syntax), null);
    }
}
