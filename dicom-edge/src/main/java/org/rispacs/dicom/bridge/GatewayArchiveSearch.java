package org.rispacs.dicom.bridge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.dicom.service.query.ArchiveSearch;

/**
 * The Query/Retrieve SCP's searches, through the query gateway to the archive read model; each
 * answer that names patients is one {@link PatientDataViewedEvent} with the calling AE as actor.
 */
public final class GatewayArchiveSearch implements ArchiveSearch {

    private final QueryGateway queries;
    private final EventGateway events;

    public GatewayArchiveSearch(QueryGateway queries, EventGateway events) {
        this.queries = queries;
        this.events = events;
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
        if (patients.isEmpty()) {
            return;
        }
        events.publish(GenericEventMessage.asEventMessage(new PatientDataViewedEvent("dicom-find " + level,
                patients, null, null, null, null)).andMetaData(Map.of(
                AuditMetadata.ACTOR, "dicom:" + callingAeTitle,
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "Q/R C-FIND from " + callingAeTitle)));
    }
}
