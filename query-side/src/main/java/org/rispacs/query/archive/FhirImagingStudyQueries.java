package org.rispacs.query.archive;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.fhir.DateCondition;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirImagingStudyMatches;
import org.rispacs.api.fhir.FindFhirImagingStudyQuery;
import org.rispacs.api.fhir.SearchFhirImagingStudiesQuery;
import org.rispacs.query.elasticsearch.DocumentPage;
import org.springframework.stereotype.Component;

/**
 * Answers the FHIR edge's ImagingStudy reads and searches from the archive's read model, the one
 * QIDO-RS and C-FIND answer from, so a study shows the same current identity on every channel.
 * Criteria are exact values, not DICOM matching: an identifier holding {@code *} is not a wildcard.
 */
@Component
class FhirImagingStudyQueries {

    private final ArchiveQueries archive;

    FhirImagingStudyQueries(ArchiveQueries archive) {
        this.archive = archive;
    }

    @QueryHandler
    FhirImagingStudy handle(FindFhirImagingStudyQuery query) throws IOException {
        StudyDocument study = archive.held(query.studyInstanceUid());
        return study == null ? null : answer(study);
    }

    @QueryHandler
    FhirImagingStudyMatches handle(SearchFhirImagingStudiesQuery query) throws IOException {
        List<Query> filters = new ArrayList<>();
        if (query.patient() != null) {
            filters.add(term("current.patientId", query.patient().id()));
            filters.add(term("current.issuerOfPatientId", query.patient().issuer()));
        }
        if (query.studyInstanceUid() != null) {
            filters.add(term("studyInstanceUid", query.studyInstanceUid()));
        }
        if (query.accessionNumber() != null) {
            filters.add(term("current.accessionNumber", query.accessionNumber()));
        }
        if (query.orderId() != null) {
            filters.add(term("orderId", query.orderId()));
        }
        query.started().forEach(condition -> filters.add(studyDate(condition)));
        DocumentPage<StudyDocument> found = archive.heldStudies(filters, query.offset(), query.limit());
        List<FhirImagingStudy> answers = new ArrayList<>();
        for (StudyDocument study : found.documents()) {
            answers.add(answer(study));
        }
        return new FhirImagingStudyMatches(answers, found.total());
    }

    private FhirImagingStudy answer(StudyDocument study) throws IOException {
        return new FhirImagingStudy(archive.contents(study), study.events().size(), study.lastUpdated());
    }

    /** Study dates are kept as DICOM writes them ({@code YYYYMMDD}), so they compare as text. */
    private static Query studyDate(DateCondition condition) {
        Query within = Query.of(q -> q.range(r -> r.term(t -> {
            t.field("studyDate");
            if (condition.from() != null) {
                t.gte(condition.from().format(DateTimeFormatter.BASIC_ISO_DATE));
            }
            if (condition.until() != null) {
                t.lt(condition.until().format(DateTimeFormatter.BASIC_ISO_DATE));
            }
            return t;
        })));
        if (!condition.outside()) {
            return within;
        }
        return Query.of(q -> q.bool(b -> b.filter(f -> f.exists(e -> e.field("studyDate"))).mustNot(within)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }
}
