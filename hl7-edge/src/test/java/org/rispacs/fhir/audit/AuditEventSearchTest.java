package org.rispacs.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.SearchFhirAuditRecordsQuery;
import org.rispacs.fhir.server.PageRequest;

class AuditEventSearchTest {

    private static final PageRequest PAGE = new PageRequest(0, 100);

    private static final PatientIdentifier KNOWN = new PatientIdentifier("P1", "HOSP");
    private final AuditEventSearch search = new AuditEventSearch(id -> Optional.ofNullable(
            Map.of("known-id", KNOWN, "other-id", new PatientIdentifier("P2", "HOSP")).get(id)));

    @Test
    void aPatientIsSearchedByItsIdentifierAndAnUnknownOneMatchesNothing() {
        assertThat(query(new ReferenceParam("Patient/known-id"), null, null, null).patient()).isEqualTo("P1^^^HOSP");
        assertThat(query(new ReferenceParam("known-id"), null, null, null).patient()).isEqualTo("P1^^^HOSP");
        assertThat(search.query(new ReferenceParam("Patient/unknown"), null, null, null, null, RecordedRange.ANY, PAGE))
                .isEmpty();
        assertThatThrownBy(() -> query(new ReferenceParam("Practitioner/known-id"), null, null, null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> query(new ReferenceParam("Patient", "name", "x"), null, null, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anEntityIsAPatientOrderStudyOrReport() {
        assertThat(query(null, new ReferenceParam("ServiceRequest/order-1"), null, null).orderId())
                .isEqualTo("order-1");
        assertThat(query(null, new ReferenceParam("ImagingStudy/1.2.3"), null, null).studyInstanceUid())
                .isEqualTo("1.2.3");
        assertThat(query(null, new ReferenceParam("DiagnosticReport/r-1"), null, null).reportId()).isEqualTo("r-1");
        assertThat(query(null, new ReferenceParam("Patient/known-id"), null, null).patient()).isEqualTo("P1^^^HOSP");
        assertThat(search.query(new ReferenceParam("known-id"), new ReferenceParam("Patient/other-id"), null, null,
                null, RecordedRange.ANY, PAGE)).as("two different patients").isEmpty();
        assertThatThrownBy(() -> query(null, new ReferenceParam("order-1"), null, null))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> query(null, new ReferenceParam("Location/x"), null, null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anAgentIsAUserNameAndAnAgentNameItsStartOrExactly() {
        assertThat(query(null, null, new ReferenceParam("jdoe"), null).actor()).isEqualTo("jdoe");
        assertThatThrownBy(() -> query(null, null, new ReferenceParam("Practitioner/jdoe"), null))
                .isInstanceOf(InvalidRequestException.class);
        SearchFhirAuditRecordsQuery prefix = query(null, null, null, new StringParam("JD"));
        assertThat(prefix.actorPrefix()).isEqualTo("JD");
        assertThat(prefix.actor()).isNull();
        assertThat(query(null, null, null, new StringParam("jdoe", true)).actor()).isEqualTo("jdoe");
        assertThat(search.query(null, null, new ReferenceParam("jdoe"), new StringParam("other", true),
                null, RecordedRange.ANY, PAGE)).isEmpty();
        StringParam contains = new StringParam("do");
        contains.setContains(true);
        assertThatThrownBy(() -> query(null, null, null, contains)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aSubtypeIsTheEventsNameInOurCodeSystem() {
        assertThat(subtype(new TokenParam("urn:rispacs:audit-event", "OrderPlaced")).eventType())
                .isEqualTo("OrderPlacedEvent");
        assertThat(subtype(new TokenParam("ReportSigned")).eventType()).isEqualTo("ReportSignedEvent");
        assertThatThrownBy(() -> subtype(new TokenParam("http://hl7.org/fhir/restful-interaction", "read")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> subtype(new TokenParam("urn:rispacs:audit-event", "")))
                .isInstanceOf(InvalidRequestException.class);
    }

    private SearchFhirAuditRecordsQuery subtype(TokenParam subtype) {
        return search.query(null, null, null, null, subtype, RecordedRange.ANY, PAGE).orElseThrow();
    }

    @Test
    void theDateRangeAndLimitPassOnAndAnEmptyOneMatchesNothing() {
        RecordedRange range = new RecordedRange(Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-08T00:00:00Z"));
        SearchFhirAuditRecordsQuery query = search.query(null, null, new ReferenceParam("jdoe"), null, null, range,
                new PageRequest(14, 7)).orElseThrow();
        assertThat(query.from()).isEqualTo(range.from());
        assertThat(query.until()).isEqualTo(range.until());
        assertThat(query.offset()).isEqualTo(14);
        assertThat(query.limit()).isEqualTo(7);
        assertThat(search.query(null, null, new ReferenceParam("jdoe"), null, null,
                new RecordedRange(range.until(), range.from()), new PageRequest(0, 7))).isEmpty();
    }

    private SearchFhirAuditRecordsQuery query(ReferenceParam patient, ReferenceParam entity, ReferenceParam agent,
                                              StringParam agentName) {
        return search.query(patient, entity, agent, agentName, null, RecordedRange.ANY, PAGE).orElseThrow();
    }
}
