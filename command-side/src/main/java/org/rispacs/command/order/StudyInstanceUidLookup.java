package org.rispacs.command.order;

import java.util.Optional;

/** Which order holds a Study Instance UID handed to modalities, from the command side's own registry. */
public interface StudyInstanceUidLookup {

    Optional<String> orderIdFor(String studyInstanceUid);
}
