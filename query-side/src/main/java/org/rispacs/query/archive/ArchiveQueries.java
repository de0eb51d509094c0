package org.rispacs.query.archive;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.ArchiveMatch;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.ArchivedInstance;
import org.rispacs.api.archive.ArchivedSeries;
import org.rispacs.api.archive.ArchivedStudyContents;
import org.rispacs.api.archive.FindArchivedStudyQuery;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.query.elasticsearch.DocumentPage;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/**
 * Answers archive searches (QIDO-RS, C-FIND) and whole studies from the {@link ArchiveProjection}'s
 * indices. At series and instance level the keys of the levels above are matched first, giving the
 * studies (and series) to look in: at most {@value #MAX_PARENTS} of them, newest first.
 */
@Component
class ArchiveQueries {

    static final int MAX_PARENTS = 10_000;
    private static final int PAGE = 5_000;

    private final ElasticsearchClient client;
    private final String studies;
    private final String series;
    private final String instances;

    ArchiveQueries(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.studies = indexes.nameOf(ArchiveProjection.STUDIES);
        this.series = indexes.nameOf(ArchiveProjection.SERIES);
        this.instances = indexes.nameOf(ArchiveProjection.INSTANCES);
    }

    @QueryHandler
    ArchiveSearchResult handle(SearchArchiveQuery query) throws IOException {
        ArchiveLevel level = query.level() == null ? ArchiveLevel.STUDY : query.level();
        Map<ArchiveLevel, List<Query>> filters = ArchiveMatching.filters(level, query.matchKeys(),
                query.fuzzyMatching());
        List<Query> studyFilters = new ArrayList<>(filters.getOrDefault(ArchiveLevel.STUDY, List.of()));
        studyFilters.add(Query.of(q -> q.range(r -> r.number(n -> n.field("numberOfInstances").gte(1.0)))));
        if (query.studyInstanceUid() != null) {
            studyFilters.add(term("studyInstanceUid", query.studyInstanceUid()));
        }
        int limit = query.limit();
        int offset = Math.max(0, query.offset());
        if (level == ArchiveLevel.STUDY) {
            List<StudyDocument> found = search(studies, studyFilters, studyOrder(), offset, limit + 1,
                    StudyDocument.class);
            return result(found.stream().map(study -> new ArchiveMatch(study.answer(), null, null)).toList(), limit);
        }
        Map<String, StudyDocument> parentStudies = byUid(search(studies, studyFilters, studyOrder(), 0, MAX_PARENTS,
                StudyDocument.class), StudyDocument::studyInstanceUid);
        List<Query> seriesFilters = new ArrayList<>(filters.getOrDefault(ArchiveLevel.SERIES, List.of()));
        seriesFilters.add(terms("studyInstanceUid", List.copyOf(parentStudies.keySet())));
        if (query.seriesInstanceUid() != null) {
            seriesFilters.add(term("seriesInstanceUid", query.seriesInstanceUid()));
        }
        if (level == ArchiveLevel.SERIES) {
            List<SeriesDocument> found = search(series, seriesFilters, seriesOrder(), offset, limit + 1,
                    SeriesDocument.class);
            return result(found.stream().map(one -> new ArchiveMatch(
                    parentStudies.get(one.studyInstanceUid()).answer(), one.answer(), null)).toList(), limit);
        }
        Map<String, SeriesDocument> parentSeries = byUid(search(series, seriesFilters, seriesOrder(), 0, MAX_PARENTS,
                SeriesDocument.class), SeriesDocument::seriesInstanceUid);
        List<Query> instanceFilters = new ArrayList<>(filters.getOrDefault(ArchiveLevel.INSTANCE, List.of()));
        instanceFilters.add(terms("seriesInstanceUid", List.copyOf(parentSeries.keySet())));
        List<InstanceDocument> found = search(instances, instanceFilters, instanceOrder(), offset, limit + 1,
                InstanceDocument.class);
        return result(found.stream().map(one -> {
            SeriesDocument itsSeries = parentSeries.get(one.seriesInstanceUid());
            return new ArchiveMatch(parentStudies.get(itsSeries.studyInstanceUid()).answer(), itsSeries.answer(),
                    one.answer());
        }).toList(), limit);
    }

    @QueryHandler
    ArchivedStudyContents handle(FindArchivedStudyQuery query) throws IOException {
        StudyDocument study = held(query.studyInstanceUid());
        return study == null ? null : contents(study);
    }

    /** The study's document, or null when the archive holds no instance of it. */
    StudyDocument held(String studyInstanceUid) throws IOException {
        var study = client.get(g -> g.index(studies).id(studyInstanceUid), StudyDocument.class);
        return !study.found() || study.source() == null || study.source().numberOfInstances() == 0 ? null
                : study.source();
    }

    /** Studies held that pass every filter, in the order QIDO-RS answers them; {@code size} at most. */
    DocumentPage<StudyDocument> heldStudies(List<Query> filters, int from, int size) throws IOException {
        List<Query> held = new ArrayList<>(filters);
        held.add(Query.of(q -> q.range(r -> r.number(n -> n.field("numberOfInstances").gte(1.0)))));
        if (held.stream().anyMatch(ArchiveQueries::matchesNothing)) {
            return new DocumentPage<>(List.of(), 0);
        }
        return DocumentPage.search(client, studies, ArchiveMatching.allOf(held), studyOrder(), from, size,
                StudyDocument.class);
    }

    /** A study with all its series and instances. */
    ArchivedStudyContents contents(StudyDocument study) throws IOException {
        List<Query> ofStudy = List.of(term("studyInstanceUid", study.studyInstanceUid()));
        List<ArchivedSeries> itsSeries = search(series, ofStudy, seriesOrder(), 0, MAX_PARENTS, SeriesDocument.class)
                .stream().map(SeriesDocument::answer).toList();
        Map<String, Integer> seriesRank = new LinkedHashMap<>();
        itsSeries.forEach(one -> seriesRank.put(one.seriesInstanceUid(), seriesRank.size()));
        List<ArchivedInstance> itsInstances = new ArrayList<>(allInstances(study.studyInstanceUid()).stream()
                .map(InstanceDocument::answer).toList());
        itsInstances.sort(Comparator.<ArchivedInstance>comparingInt(
                        one -> seriesRank.getOrDefault(one.seriesInstanceUid(), Integer.MAX_VALUE))
                .thenComparing(ArchivedInstance::instanceNumber, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(ArchivedInstance::sopInstanceUid));
        return new ArchivedStudyContents(study.answer(), itsSeries, itsInstances);
    }

    /** Every instance of a study, however many: pages through them in the order of their UIDs. */
    private List<InstanceDocument> allInstances(String studyUid) throws IOException {
        List<InstanceDocument> all = new ArrayList<>();
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            var hits = client.search(s -> {
                s.index(instances).size(PAGE).query(term("studyInstanceUid", studyUid))
                        .sort(o -> o.field(f -> f.field("sopInstanceUid").order(SortOrder.Asc)));
                if (from != null) {
                    s.searchAfter(from);
                }
                return s;
            }, InstanceDocument.class).hits().hits();
            hits.forEach(hit -> all.add(hit.source()));
            if (hits.size() < PAGE) {
                return all;
            }
            after = hits.get(hits.size() - 1).sort();
        }
    }

    private <T> List<T> search(String index, List<Query> filters, List<SortOptions> order, int from, int size,
                               Class<T> type) throws IOException {
        if (filters.stream().anyMatch(ArchiveQueries::matchesNothing)) {
            return List.of();
        }
        return client.search(s -> s.index(index).query(ArchiveMatching.allOf(filters)).sort(order).from(from)
                .size(size), type).hits().hits().stream().map(Hit::source).toList();
    }

    /** A parent level that matched nothing: its terms filter is empty, and so is every answer below it. */
    private static boolean matchesNothing(Query filter) {
        return filter.isTerms() && filter.terms().terms().value().isEmpty();
    }

    private static ArchiveSearchResult result(List<ArchiveMatch> found, int limit) {
        return new ArchiveSearchResult(found.size() > limit ? found.subList(0, limit) : found, found.size() > limit);
    }

    private static List<SortOptions> studyOrder() {
        return List.of(SortOptions.of(o -> o.field(f -> f.field("studyDate").order(SortOrder.Desc)
                        .missing("_last"))),
                SortOptions.of(o -> o.field(f -> f.field("studyInstanceUid").order(SortOrder.Asc))));
    }

    private static List<SortOptions> seriesOrder() {
        return List.of(SortOptions.of(o -> o.field(f -> f.field("seriesNumber").order(SortOrder.Asc)
                        .missing("_last"))),
                SortOptions.of(o -> o.field(f -> f.field("seriesInstanceUid").order(SortOrder.Asc))));
    }

    private static List<SortOptions> instanceOrder() {
        return List.of(SortOptions.of(o -> o.field(f -> f.field("instanceNumber").order(SortOrder.Asc)
                        .missing("_last"))),
                SortOptions.of(o -> o.field(f -> f.field("sopInstanceUid").order(SortOrder.Asc))));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query terms(String field, List<String> values) {
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }

    private static <T> Map<String, T> byUid(List<T> documents, Function<T, String> uid) {
        Map<String, T> byUid = new LinkedHashMap<>();
        documents.forEach(document -> byUid.put(uid.apply(document), document));
        return byUid;
    }
}
