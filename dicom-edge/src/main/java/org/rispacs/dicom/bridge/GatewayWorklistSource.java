package org.rispacs.dicom.bridge;

import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.MatchingKeys;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.api.worklist.WorklistQueryServedEvent;
import org.rispacs.dicom.service.worklist.WorklistSource;

/**
 * The worklist SCP's items, from the modality worklist read model through the query gateway; each
 * query answered is one {@link WorklistQueryServedEvent}, appended to the event store (one write
 * per query, not per item) with the station as its actor.
 */
public final class GatewayWorklistSource implements WorklistSource {

    private final QueryGateway queries;
    private final EventGateway events;

    public GatewayWorklistSource(QueryGateway queries, EventGateway events) {
        this.queries = queries;
        this.events = events;
    }

    @Override
    public List<ModalityWorklistItem> find(WorklistCriteria criteria, int limit) {
        return queries.query(new FindModalityWorklistQuery(criteria, limit),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join();
    }

    @Override
    public void served(String callingAeTitle, WorklistCriteria criteria, List<ModalityWorklistItem> items) {
        List<PatientIdentifier> patients = items.stream()
                .filter(item -> present(item.patientId()) && present(item.issuerOfPatientId()))
                .map(item -> new PatientIdentifier(item.patientId(), item.issuerOfPatientId()))
                .distinct().toList();
        WorklistQueryServedEvent served = new WorklistQueryServedEvent(callingAeTitle,
                universalAsNull(criteria.modality()), universalAsNull(criteria.scheduledStationAeTitle()),
                items.size(), patients);
        events.publish(GenericEventMessage.asEventMessage(served).andMetaData(Map.of(
                AuditMetadata.ACTOR, "dicom:" + callingAeTitle,
                AuditMetadata.CHANNEL, "dicom",
                AuditMetadata.SOURCE, "MWL C-FIND from " + callingAeTitle)));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A key a modality left empty, or gave only {@code *}, asked for any value; a list stays a list. */
    private static String universalAsNull(String value) {
        return MatchingKeys.isUniversal(value) ? null : String.join("\\", MatchingKeys.alternatives(value));
    }
}
