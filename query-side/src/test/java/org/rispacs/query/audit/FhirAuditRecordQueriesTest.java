package org.rispacs.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rispacs.api.fhir.FhirAuditRecord;
import org.rispacs.api.fhir.SearchFhirAuditRecordsQuery;

class FhirAuditRecordQueriesTest {

    @Test
    void aTimelineEntryIsARecordWithTheSingleValuesOfItsPayload() {
        TimelineEntry entry = new TimelineEntry("e-1", "PatientDataViewedEvent", null, 0, "2026-12-07T10:15:30.123Z",
                "jdoe", "fhir", "GET /fhir/Patient?name=x from 10.0.0.1", "c-1",
                "{\"view\":\"fhir-patient-search\",\"patients\":[{\"id\":\"P1\",\"issuer\":\"HOSP\"}],"
                        + "\"orderId\":null,\"attempt\":2,\"acknowledged\":false}",
                List.of("P1^^^HOSP"), List.of("ACC1"), List.of("1.2.3"), List.of("o-1"), List.of("r-1"),
                List.of("mallory"));

        FhirAuditRecord record = FhirAuditRecordQueries.record(entry);

        assertThat(record).isEqualTo(new FhirAuditRecord("e-1", "PatientDataViewedEvent",
                Instant.parse("2026-12-07T10:15:30.123Z"), "jdoe", "fhir", "GET /fhir/Patient?name=x from 10.0.0.1",
                List.of("P1^^^HOSP"), List.of("ACC1"), List.of("1.2.3"), List.of("o-1"), List.of("r-1"),
                List.of("mallory"), Map.of("view", "fhir-patient-search", "attempt", "2", "acknowledged", "false")));
        assertThat(FhirAuditRecordQueries.singleValues("not json")).isEmpty();
        assertThat(FhirAuditRecordQueries.singleValues(null)).isEmpty();
    }

    @Test
    void eachCriterionGivenIsOneFilter() {
        assertThat(FhirAuditRecordQueries.filters(new SearchFhirAuditRecordsQuery(null, null, null, null, null, null,
                null, null, null, 0, 10))).isEmpty();
        assertThat(FhirAuditRecordQueries.filters(new SearchFhirAuditRecordsQuery("P1^^^HOSP", "o-1", "1.2.3", "r-1",
                "jdoe", "jd", "OrderPlacedEvent", Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 0, 10)))
                .extracting(query -> query._kind().jsonValue())
                .containsExactly("term", "term", "term", "term", "term", "term", "prefix", "range");
    }
}
