package org.rispacs.dicom.service.query;

import java.util.List;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.common.PatientIdentifier;

/** What the Query/Retrieve SCP asks of the archive's read model, and where it records what it answered. */
public interface ArchiveSearch {

    /** The answers; an {@link IllegalArgumentException} names a key or value the archive cannot match on. */
    ArchiveSearchResult search(SearchArchiveQuery query);

    /** Records that these patients are about to be named to the calling AE (an access to patient data). */
    void answered(String callingAeTitle, String level, List<PatientIdentifier> patients);
}
