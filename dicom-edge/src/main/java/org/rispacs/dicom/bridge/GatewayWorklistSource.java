package org.rispacs.dicom.bridge;

import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.dicom.service.worklist.WorklistSource;

/** The worklist SCP's items, from the modality worklist read model through the query gateway. */
public final class GatewayWorklistSource implements WorklistSource {

    private final QueryGateway queries;

    public GatewayWorklistSource(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public List<ModalityWorklistItem> find(WorklistCriteria criteria, int limit) {
        return queries.query(new FindModalityWorklistQuery(criteria, limit),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join();
    }
}
