package org.rispacs.dicom.service.worklist;

import java.util.List;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;

/**
 * Where worklist items come from (the modality worklist read model, through the query gateway),
 * and where a query about to be answered is recorded.
 */
public interface WorklistSource {

    List<ModalityWorklistItem> find(WorklistCriteria criteria, int limit);

    /** Records that these items are about to be sent to the station: counted, and an access to their patients. */
    void served(String callingAeTitle, WorklistCriteria criteria, List<ModalityWorklistItem> items);
}
