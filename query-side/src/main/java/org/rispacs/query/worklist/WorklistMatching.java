package org.rispacs.query.worklist;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.text.Normalizer;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.rispacs.api.common.PersonNames;
import org.rispacs.api.worklist.MatchingKeys;
import org.rispacs.api.worklist.WorklistCriteria;

/** DICOM matching (PS3.4 C.2.2.2) of worklist criteria, expressed as an Elasticsearch query. */
final class WorklistMatching {

    /** Steps still to be performed; cancelled, completed and discontinued ones have left the worklist. */
    static final List<String> ON_THE_WORKLIST = List.of(WorklistStatus.SCHEDULED.status(),
            WorklistStatus.STARTED.status());

    private WorklistMatching() {
    }

    static Query query(WorklistCriteria criteria) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (isUniversal(criteria.status())) {
            bool.filter(f -> f.terms(t -> t.field("status")
                    .terms(v -> v.value(ON_THE_WORKLIST.stream().map(FieldValue::of).toList()))));
        } else {
            bool.filter(match("status", criteria.status(), UnaryOperator.identity()));
        }
        addNameIfGiven(bool, "patientNameMatch", criteria.patientName());
        // no order names a performing physician yet: a name asked for matches nothing (PS3.4 C.2.2.2.1)
        addNameIfGiven(bool, "scheduledPerformingPhysicianNameMatch", criteria.scheduledPerformingPhysicianName());
        addIfGiven(bool, "patientId", criteria.patientId(), UnaryOperator.identity());
        addIfGiven(bool, "issuerOfPatientId", criteria.issuerOfPatientId(), UnaryOperator.identity());
        addIfGiven(bool, "accessionKey", criteria.accessionNumber(), WorklistMatching::accessionKey);
        // modalities are upper-case codes (CS): "ct" is what a person types for CT
        addIfGiven(bool, "modality", criteria.modality(), value -> value.toUpperCase(Locale.ROOT));
        addIfGiven(bool, "scheduledStationAeTitle", criteria.scheduledStationAeTitle(), UnaryOperator.identity());
        addIfGiven(bool, "scheduledProcedureStepId", criteria.scheduledProcedureStepId(), UnaryOperator.identity());
        addIfGiven(bool, "requestedProcedureId", criteria.requestedProcedureId(), UnaryOperator.identity());
        LocalDateTime from = criteria.scheduledStartFrom();
        LocalDateTime to = criteria.scheduledStartTo();
        if (from != null || to != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field("scheduledStart");
                if (from != null) {
                    d.gte(from.toString());
                }
                if (to != null) {
                    d.lte(to.toString());
                }
                return d;
            })));
        }
        return bool.build()._toQuery();
    }

    /**
     * Accession numbers compare in their one normalised form (AccessionNumbers), wildcards
     * included: the placer's "ar07-x" is found by a modality asking for "AR07-X" or "ar07*".
     */
    static String accessionKey(String value) {
        return Normalizer.normalize(value, Normalizer.Form.NFKC).strip().toUpperCase(Locale.ROOT);
    }

    /** Person names: case- and accent-insensitive; trailing empty components do not count. */
    static String normalisedName(String value) {
        return PersonNames.normalise(value).replaceAll("\\^+$", "");
    }

    /**
     * A name as DICOM writes it ({@code family^given}) means just that; one without a caret is read
     * as a person types it too: "Andersen Anna" and "Anna Andersen" as family and given name either
     * way round, "Andersen, Anna" as family, given; a single word with a trailing wildcard
     * ("Anna*") also as the start of the given name. Alternatives separated by backslashes each count.
     */
    static List<String> personNameAlternatives(String value) {
        List<String> alternatives = new ArrayList<>();
        for (String alternative : MatchingKeys.alternatives(value)) {
            String name = normalisedName(alternative);
            alternatives.add(name);
            if (name.contains("^") || name.isEmpty()) {
                continue;
            }
            int comma = name.indexOf(',');
            if (comma >= 0) {
                alternatives.add(familyGiven(name.substring(0, comma), name.substring(comma + 1)));
                continue;
            }
            List<String> words = Arrays.stream(name.split("\\s+")).filter(word -> !word.isEmpty()).toList();
            if (words.size() > 1) {
                alternatives.add(familyGiven(words.get(0), String.join(" ", words.subList(1, words.size()))));
                alternatives.add(familyGiven(words.get(words.size() - 1),
                        String.join(" ", words.subList(0, words.size() - 1))));
            } else if (name.endsWith("*")) {
                alternatives.add("*^" + name);
            }
        }
        return alternatives.stream().filter(name -> !name.isEmpty()).distinct().toList();
    }

    private static String familyGiven(String family, String given) {
        String name = family.strip().replaceAll("\\s+", " ") + "^" + given.strip().replaceAll("\\s+", " ");
        return name.replaceAll("\\^+$", "");
    }

    private static Query anyOf(String field, List<String> alternatives) {
        List<Query> queries = alternatives.stream().map(value -> value.contains("*") || value.contains("?")
                ? Query.of(q -> q.wildcard(w -> w.field(field).value(value)))
                : Query.of(q -> q.term(t -> t.field(field).value(value)))).toList();
        return queries.size() == 1 ? queries.get(0)
                : Query.of(q -> q.bool(b -> b.should(queries).minimumShouldMatch("1")));
    }

    private static void addNameIfGiven(BoolQuery.Builder bool, String field, String value) {
        if (!isUniversal(value)) {
            bool.filter(anyOf(field, personNameAlternatives(value)));
        }
    }

    private static void addIfGiven(BoolQuery.Builder bool, String field, String value, UnaryOperator<String> form) {
        if (!isUniversal(value)) {
            bool.filter(match(field, value, form));
        }
    }

    private static boolean isUniversal(String value) {
        return MatchingKeys.isUniversal(value);
    }

    /** Single value, wildcard or a list of alternatives separated by backslashes. */
    private static Query match(String field, String value, UnaryOperator<String> form) {
        List<Query> alternatives = new ArrayList<>();
        for (String alternative : MatchingKeys.alternatives(value)) {
            String normalised = form.apply(alternative);
            if (normalised.contains("*") || normalised.contains("?")) {
                alternatives.add(Query.of(q -> q.wildcard(w -> w.field(field).value(normalised))));
            } else {
                alternatives.add(Query.of(q -> q.term(t -> t.field(field).value(normalised))));
            }
        }
        return alternatives.size() == 1 ? alternatives.get(0)
                : Query.of(q -> q.bool(b -> b.should(alternatives).minimumShouldMatch("1")));
    }
}
