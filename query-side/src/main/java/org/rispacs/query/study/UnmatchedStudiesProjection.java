package org.rispacs.query.study;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.study.FindUnmatchedStudiesQuery;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.api.study.UnscheduledProcedureStepStartedEvent;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Studies nobody will read until someone reconciles them: listed from unmatched until matched or reconciled. */
@Component
@ProcessingGroup(UnmatchedStudiesProjection.PROCESSING_GROUP)
class UnmatchedStudiesProjection {

    static final String PROCESSING_GROUP = "unmatched-studies";

    private final ElasticsearchClient client;
    private final ReadModelIndex index;

    UnmatchedStudiesProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.index = indexes.prepare(PROCESSING_GROUP, "unmatched-studies");
    }

    @EventHandler
    void on(StudyUnmatchedEvent event, @Timestamp Instant when) throws IOException {
        ReceivedStudyAttributes received = event.attributes();
        UnmatchedStudy study = new UnmatchedStudy(event.studyInstanceUid(), event.reason(), event.detail(),
                received == null ? null : received.patientId(),
                received == null ? null : received.issuerOfPatientId(),
                received == null ? null : received.patientName(),
                received == null ? null : received.accessionNumber(),
                received == null ? null : received.modality(),
                received == null ? null : received.studyDescription(), when);
        index.put(event.studyInstanceUid(), index.asDocument(study));
        index.refreshAfterBatch();
    }

    /** Listed before any image arrives: the images, when they come, find it unmatched anyway. */
    @EventHandler
    void on(UnscheduledProcedureStepStartedEvent event, @Timestamp Instant when) throws IOException {
        ReceivedStudyAttributes performed = event.attributes();
        UnmatchedStudy study = new UnmatchedStudy(event.studyInstanceUid(), UnmatchedReason.UNSCHEDULED_PROCEDURE_STEP,
                "unscheduled procedure step " + event.performedStepUid() + " performed on " + event.stationAeTitle(),
                performed == null ? null : performed.patientId(),
                performed == null ? null : performed.issuerOfPatientId(),
                performed == null ? null : performed.patientName(),
                performed == null ? null : performed.accessionNumber(),
                performed == null ? null : performed.modality(),
                performed == null ? null : performed.studyDescription(), when);
        index.put(event.studyInstanceUid(), index.asDocument(study));
        index.refreshAfterBatch();
    }

    @EventHandler
    void on(StudyMatchedToOrderEvent event) throws IOException {
        remove(event.studyInstanceUid());
    }

    @EventHandler
    void on(StudyReconciledEvent event) throws IOException {
        remove(event.studyInstanceUid());
    }

    private void remove(String studyInstanceUid) throws IOException {
        index.delete(studyInstanceUid);
        index.refreshAfterBatch();
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    @QueryHandler
    List<UnmatchedStudy> handle(FindUnmatchedStudiesQuery query) throws IOException {
        int size = Math.max(1, Math.min(query.size(), 1000));
        return client.search(s -> s.index(index.name())
                        .query(q -> query.since() == null ? q.matchAll(m -> m)
                                : q.range(r -> r.date(d -> d.field("since").gte(query.since().toString()))))
                        .sort(o -> o.field(f -> f.field("since").order(SortOrder.Desc)))
                        .from(Math.max(0, query.page()) * size).size(size), UnmatchedStudy.class)
                .hits().hits().stream().map(hit -> hit.source()).toList();
    }
}
