package org.rispacs.query.archive;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.worklist.MatchingKeys;

/**
 * DICOM matching (PS3.4 C.2.2.2, PS3.18 8.3.4) of an archive search's keys, as one Elasticsearch
 * filter per level of the information model: single values and wildcards, lists of UIDs, date and
 * time ranges, and person names case and accent aside (or, fuzzy, by the start of any name part).
 */
final class ArchiveMatching {

    private enum Kind {
        /** A list of UIDs separated by backslashes or commas. */
        UIDS,
        /** Single value or wildcard, as stored. */
        VALUE,
        /** A code string: single value or wildcard, upper case. */
        CODE,
        /** A list of code strings: matches if the stored list holds any. */
        CODES,
        /** A description: single value or wildcard, case and accents aside. */
        TEXT,
        /** A person name: as {@link #TEXT}, or by the start of any of its parts when fuzzy. */
        NAME,
        /** {@code YYYYMMDD} or a range {@code A-B}, {@code -B}, {@code A-}. */
        DATE,
        /** {@code HHMMSS} or its start, or a range of those. */
        TIME,
        INTEGER
    }

    private record Key(ArchiveLevel level, String field, Kind kind) {
    }

    private static final Pattern DATE = Pattern.compile("\\d{8}");
    private static final Pattern TIME = Pattern.compile("\\d{2,6}(\\.\\d{1,6})?");
    private static final Pattern UID_SEPARATORS = Pattern.compile("[,\\\\]");
    private static final Pattern NAME_WORDS = Pattern.compile("[\\^=\\s,*?]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern TRAILING_EMPTY_COMPONENTS = Pattern.compile("\\^+$");
    private static final Pattern PART_SEPARATORS = Pattern.compile("[\\^=\\s]+");
    /** Past any character a time holds: the end of a range that takes every time with the given start. */
    private static final String AFTER_PREFIX = "~";

    private static final Map<String, Key> KEYS = Map.ofEntries(
            Map.entry("StudyInstanceUID", new Key(ArchiveLevel.STUDY, "studyInstanceUid", Kind.UIDS)),
            Map.entry("StudyDate", new Key(ArchiveLevel.STUDY, "studyDate", Kind.DATE)),
            Map.entry("StudyTime", new Key(ArchiveLevel.STUDY, "studyTime", Kind.TIME)),
            Map.entry("StudyID", new Key(ArchiveLevel.STUDY, "studyId", Kind.VALUE)),
            Map.entry("StudyDescription", new Key(ArchiveLevel.STUDY, "studyDescription", Kind.TEXT)),
            Map.entry("ReferringPhysicianName", new Key(ArchiveLevel.STUDY, "referringPhysicianName", Kind.NAME)),
            Map.entry("AccessionNumber", new Key(ArchiveLevel.STUDY, "current.accessionNumber", Kind.VALUE)),
            Map.entry("PatientName", new Key(ArchiveLevel.STUDY, "current.patientName", Kind.NAME)),
            Map.entry("PatientID", new Key(ArchiveLevel.STUDY, "current.patientId", Kind.VALUE)),
            Map.entry("IssuerOfPatientID", new Key(ArchiveLevel.STUDY, "current.issuerOfPatientId", Kind.VALUE)),
            Map.entry("PatientBirthDate", new Key(ArchiveLevel.STUDY, "current.patientBirthDate", Kind.DATE)),
            Map.entry("PatientSex", new Key(ArchiveLevel.STUDY, "current.patientSex", Kind.CODE)),
            Map.entry("ModalitiesInStudy", new Key(ArchiveLevel.STUDY, "modalitiesInStudy", Kind.CODES)),
            Map.entry("SOPClassesInStudy", new Key(ArchiveLevel.STUDY, "sopClassesInStudy", Kind.UIDS)),
            Map.entry("SeriesInstanceUID", new Key(ArchiveLevel.SERIES, "seriesInstanceUid", Kind.UIDS)),
            Map.entry("Modality", new Key(ArchiveLevel.SERIES, "modality", Kind.CODE)),
            Map.entry("SeriesNumber", new Key(ArchiveLevel.SERIES, "seriesNumber", Kind.INTEGER)),
            Map.entry("SeriesDescription", new Key(ArchiveLevel.SERIES, "seriesDescription", Kind.TEXT)),
            Map.entry("SeriesDate", new Key(ArchiveLevel.SERIES, "seriesDate", Kind.DATE)),
            Map.entry("SeriesTime", new Key(ArchiveLevel.SERIES, "seriesTime", Kind.TIME)),
            Map.entry("BodyPartExamined", new Key(ArchiveLevel.SERIES, "bodyPartExamined", Kind.CODE)),
            Map.entry("SOPInstanceUID", new Key(ArchiveLevel.INSTANCE, "sopInstanceUid", Kind.UIDS)),
            Map.entry("SOPClassUID", new Key(ArchiveLevel.INSTANCE, "sopClassUid", Kind.UIDS)),
            Map.entry("InstanceNumber", new Key(ArchiveLevel.INSTANCE, "instanceNumber", Kind.INTEGER)),
            Map.entry("Rows", new Key(ArchiveLevel.INSTANCE, "rows", Kind.INTEGER)),
            Map.entry("Columns", new Key(ArchiveLevel.INSTANCE, "columns", Kind.INTEGER)),
            Map.entry("NumberOfFrames", new Key(ArchiveLevel.INSTANCE, "numberOfFrames", Kind.INTEGER)));

    /** The same keys by tag, as a QIDO-RS request may name them ({@code 00100010=...}). */
    private static final Map<String, String> KEYWORDS_BY_TAG = Map.ofEntries(
            Map.entry("0020000D", "StudyInstanceUID"), Map.entry("00080020", "StudyDate"),
            Map.entry("00080030", "StudyTime"), Map.entry("00200010", "StudyID"),
            Map.entry("00081030", "StudyDescription"), Map.entry("00080090", "ReferringPhysicianName"),
            Map.entry("00080050", "AccessionNumber"), Map.entry("00100010", "PatientName"),
            Map.entry("00100020", "PatientID"), Map.entry("00100021", "IssuerOfPatientID"),
            Map.entry("00100030", "PatientBirthDate"), Map.entry("00100040", "PatientSex"),
            Map.entry("00080061", "ModalitiesInStudy"), Map.entry("00080062", "SOPClassesInStudy"),
            Map.entry("0020000E", "SeriesInstanceUID"), Map.entry("00080060", "Modality"),
            Map.entry("00200011", "SeriesNumber"), Map.entry("0008103E", "SeriesDescription"),
            Map.entry("00080021", "SeriesDate"), Map.entry("00080031", "SeriesTime"),
            Map.entry("00180015", "BodyPartExamined"), Map.entry("00080018", "SOPInstanceUID"),
            Map.entry("00080016", "SOPClassUID"), Map.entry("00200013", "InstanceNumber"),
            Map.entry("00280010", "Rows"), Map.entry("00280011", "Columns"), Map.entry("00280008", "NumberOfFrames"));

    private ArchiveMatching() {
    }

    /**
     * One filter per level for the keys of a search at {@code level}; a level without keys has
     * none. Refuses a key it does not know, or one of a level below the search's.
     */
    static Map<ArchiveLevel, List<Query>> filters(ArchiveLevel level, Map<String, String> matchKeys,
                                                  boolean fuzzy) {
        Map<ArchiveLevel, List<Query>> filters = new EnumMap<>(ArchiveLevel.class);
        for (var entry : matchKeys.entrySet()) {
            String keyword = KEYWORDS_BY_TAG.getOrDefault(entry.getKey().toUpperCase(Locale.ROOT), entry.getKey());
            Key key = KEYS.get(keyword);
            if (key == null) {
                throw new IllegalArgumentException("the archive cannot match on the key " + entry.getKey());
            }
            if (key.level().compareTo(level) > 0) {
                throw new IllegalArgumentException("the key " + entry.getKey() + " is of the " + key.level()
                        + " level, below a search of " + level + "s");
            }
            Query query = query(keyword, key, entry.getValue(), fuzzy);
            if (query != null) {
                filters.computeIfAbsent(key.level(), any -> new ArrayList<>()).add(query);
            }
        }
        return filters;
    }

    /** The filter of one key, or null for universal matching (empty or only '*'). */
    private static Query query(String keyword, Key key, String value, boolean fuzzy) {
        if (value == null || value.isBlank() || value.strip().chars().allMatch(c -> c == '*')) {
            return null;
        }
        String field = key.field();
        return switch (key.kind()) {
            case UIDS -> terms(field, Arrays.stream(UID_SEPARATORS.split(value)).map(String::strip)
                    .filter(uid -> !uid.isEmpty()).toList());
            case VALUE -> anyOf(field, MatchingKeys.alternatives(value));
            case CODE -> anyOf(field, MatchingKeys.alternatives(value.toUpperCase(Locale.ROOT)));
            case CODES -> terms(field, Arrays.stream(UID_SEPARATORS.split(value.toUpperCase(Locale.ROOT)))
                    .map(String::strip).filter(code -> !code.isEmpty()).toList());
            case TEXT -> anyOf(field + "Match", MatchingKeys.alternatives(value).stream()
                    .map(ArchiveMatching::folded).toList());
            case NAME -> fuzzy ? fuzzyName(field, value) : anyOf(field + "Match", MatchingKeys.alternatives(value)
                    .stream().map(ArchiveMatching::foldedName).toList());
            case DATE -> range(keyword, field, value, DATE, "");
            case TIME -> range(keyword, field, value.replace(":", ""), TIME, AFTER_PREFIX);
            case INTEGER -> integer(keyword, field, value);
        };
    }

    /** Any word asked for starts any part of the name. */
    private static Query fuzzyName(String field, String value) {
        List<Query> words = NAME_WORDS.splitAsStream(folded(value)).filter(word -> !word.isEmpty())
                .map(word -> Query.of(q -> q.prefix(p -> p.field(field + "Words").value(word)))).toList();
        return words.isEmpty() ? null : Query.of(q -> q.bool(b -> b.should(words).minimumShouldMatch("1")));
    }

    /**
     * Lower case without accents: what a description or name is kept as beside its value, and
     * what a search for it is turned into, so that "MÜLLER" finds "Müller" and "muller".
     */
    static String folded(String value) {
        if (value == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(value.strip(), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** A person name folded, trailing empty components left out. */
    static String foldedName(String name) {
        return name == null ? null : TRAILING_EMPTY_COMPONENTS.matcher(folded(name)).replaceAll("");
    }

    /** The parts of a person name, folded: what a fuzzy search matches the start of. */
    static List<String> nameWords(String name) {
        return name == null ? List.of() : PART_SEPARATORS.splitAsStream(folded(name))
                .filter(word -> !word.isEmpty()).distinct().toList();
    }

    private static Query range(String keyword, String field, String value, Pattern form, String upperSuffix) {
        String text = value.strip();
        int dash = text.indexOf('-');
        String from = dash < 0 ? text : text.substring(0, dash).strip();
        String to = dash < 0 ? text : text.substring(dash + 1).strip();
        if (text.indexOf('-', dash + 1) > 0 && dash >= 0 || from.isEmpty() && to.isEmpty()
                || !from.isEmpty() && !form.matcher(from).matches() || !to.isEmpty() && !form.matcher(to).matches()) {
            throw new IllegalArgumentException("the value " + value + " of " + keyword
                    + " is neither a single value nor a range of them");
        }
        if (dash < 0 && upperSuffix.isEmpty()) {
            return Query.of(q -> q.term(t -> t.field(field).value(from)));
        }
        return Query.of(q -> q.range(r -> r.term(t -> {
            t.field(field);
            if (!from.isEmpty()) {
                t.gte(from);
            }
            if (!to.isEmpty()) {
                t.lte(to + upperSuffix);
            }
            return t;
        })));
    }

    private static Query integer(String keyword, String field, String value) {
        List<FieldValue> numbers = new ArrayList<>();
        for (String alternative : MatchingKeys.alternatives(value)) {
            try {
                numbers.add(FieldValue.of(Long.parseLong(alternative)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the value " + value + " of " + keyword + " is not a number", e);
            }
        }
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(numbers))));
    }

    private static Query terms(String field, List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<FieldValue> terms = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(terms))));
    }

    private static Query anyOf(String field, List<String> alternatives) {
        List<Query> queries = alternatives.stream().map(value -> value.contains("*") || value.contains("?")
                ? Query.of(q -> q.wildcard(w -> w.field(field).value(value)))
                : Query.of(q -> q.term(t -> t.field(field).value(value)))).toList();
        if (queries.isEmpty()) {
            return null;
        }
        return queries.size() == 1 ? queries.get(0)
                : Query.of(q -> q.bool(b -> b.should(queries).minimumShouldMatch("1")));
    }

    /** All of {@code filters} (none: every document). */
    static Query allOf(List<Query> filters) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        filters.forEach(bool::filter);
        return bool.build()._toQuery();
    }
}
