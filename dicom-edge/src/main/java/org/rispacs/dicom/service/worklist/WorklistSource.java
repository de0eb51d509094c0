package org.rispacs.dicom.service.worklist;

import java.util.List;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;

/** Where worklist items come from: the modality worklist read model, through the query gateway. */
public interface WorklistSource {

    List<ModalityWorklistItem> find(WorklistCriteria criteria, int limit);
}
