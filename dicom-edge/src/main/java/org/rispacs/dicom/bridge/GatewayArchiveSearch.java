package org.rispacs.dicom.bridge;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.audit.QueryRetrieveViews;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.dicom.service.query.ArchiveSearch;

/**
 * The Query/Retrieve SCP's searches, through the query gateway to the archive read model; each
 * answer is one {@link PatientDataViewedEvent} naming its patients (none when nothing matched) with
 * the calling AE as actor.
 */
public final class GatewayArchiveSearch implements ArchiveSearch {

    private final QueryGateway queries;
    private final QueryRetrieveAccess access;

    public GatewayArchiveSearch(QueryGateway queries, EventGateway events) {
        this.queries = queries;
        this.access = new QueryRetrieveAccess(events);
    }

    @Override
    public ArchiveSearchResult search(SearchArchiveQuery query) {
        try {
            return queries.query(query, ResponseTypes.instanceOf(ArchiveSearchResult.class)).join();
        } catch (CompletionException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException refused) {
                    throw refused;
                }
            }
            throw e;
        }
    }

    @Override
    public void answered(String callingAeTitle, String level, List<PatientIdentifier> patients) {
        access.record(QueryRetrieveViews.find(level), callingAeTitle, patients, "Q/R C-FIND from " + callingAeTitle);
    }
}
