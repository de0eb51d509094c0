package org.rispacs.query.fhir;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventMessage;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientVersions;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * A Patient at each of its versions ({@link ProjectionReplay}). Its versions are the events that changed its
 * record, and they come from several aggregates: the patient's own (registered, demographics updated, merged into
 * another), the merged patient's (a merge into this one) and an order's (the first that named a patient never
 * registered), so the read model keeps where each is stored ({@link FhirPatientChange}), and {@link #changes}
 * names them for the event store to read again.
 */
@Component
public class FhirPatientReplay {

    private final ElasticsearchClient client;
    private final String patients;

    FhirPatientReplay(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.patients = indexes.nameOf(FhirPatientProjection.PATIENTS);
    }

    /** The events that changed the Patient, in the order they did; none when there is no such patient. */
    public List<FhirPatientChange> changes(String resourceId) throws IOException {
        var found = client.get(g -> g.index(patients).id(resourceId), FhirPatientDocument.class);
        return found.found() && found.source() != null ? found.source().changes() : List.of();
    }

    /** The versions {@code events} (those {@link #changes} names, in that order) give the Patient, oldest first. */
    public static FhirPatientVersions of(String resourceId, Stream<? extends EventMessage<?>> events) {
        InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
        FhirPatientProjection projection = new FhirPatientProjection(indexes);
        InMemoryReadModelIndex records = indexes.index(FhirPatientProjection.PATIENTS);
        return new FhirPatientVersions(ProjectionReplay.versions("patient " + resourceId, projection, () -> {
            FhirPatientDocument document = records.find(resourceId, FhirPatientDocument.class);
            return document == null ? null : document.answer();
        }, FhirPatient::version, events));
    }
}
