package org.rispacs.dicom.bridge;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.audit.QueryRetrieveViews;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.PatientIdentifier;

/**
 * Records one Query/Retrieve request answered as one {@link PatientDataViewedEvent}, with the
 * patients it names, none when nothing matched (see {@link QueryRetrieveViews}): the audit timeline
 * files it under those patients only, and the interface health counts it for its calling AE.
 */
final class QueryRetrieveAccess {

    private final EventGateway events;

    QueryRetrieveAccess(EventGateway events) {
        this.events = events;
    }

    /**
     * @param view   {@link QueryRetrieveViews#find}, {@link QueryRetrieveViews#MOVE}, {@link QueryRetrieveViews#GET}
     * @param source what the request was, for the auditor ("Q/R C-MOVE from WS1 to WS2")
     */
    void record(String view, String callingAeTitle, List<PatientIdentifier> patients, String source) {
        events.publish(GenericEventMessage.asEventMessage(new PatientDataViewedEvent(view, patients, null, null,
                null, null)).andMetaData(Map.of(
                AuditMetadata.ACTOR, QueryRetrieveViews.actor(callingAeTitle),
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, source)));
    }
}
