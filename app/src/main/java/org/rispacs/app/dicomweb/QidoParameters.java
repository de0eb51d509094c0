package org.rispacs.app.dicomweb;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.dicom.data.StandardDictionary;

/**
 * A QIDO-RS request's query parameters (PS3.18 8.3.4) as an archive search: match keys by keyword
 * or tag, {@code fuzzymatching}, {@code limit} and {@code offset}; {@code includefield} is checked
 * and then needs nothing more, since every answer carries all the attributes the archive indexes.
 * A request that asks for more than {@link #MAX_LIMIT} answers, or pages past {@link #MAX_WINDOW},
 * is refused naming the limit instead of running long.
 */
final class QidoParameters {

    static final int MAX_LIMIT = 1000;
    static final int MAX_WINDOW = 10_000;

    private QidoParameters() {
    }

    static SearchArchiveQuery parse(ArchiveLevel level, String studyInstanceUid, String seriesInstanceUid,
                                    Map<String, String[]> parameters) {
        Map<String, String> matchKeys = new LinkedHashMap<>();
        boolean fuzzy = false;
        int limit = MAX_LIMIT;
        int offset = 0;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String[] values = parameter.getValue();
            switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "limit" -> limit = number(name, values, 1, MAX_LIMIT);
                case "offset" -> offset = number(name, values, 0, MAX_WINDOW);
                case "fuzzymatching" -> fuzzy = bool(name, values);
                case "includefield" -> checkIncludeFields(values);
                default -> {
                    String keyword = keyword(name);
                    String value = String.join("\\", values);
                    if (!value.isEmpty() && !value.equals("*")) {
                        matchKeys.put(keyword, value);
                    }
                }
            }
        }
        if ((long) offset + limit > MAX_WINDOW) {
            throw DicomWebException.badRequest("offset + limit may not exceed " + MAX_WINDOW
                    + "; narrow the query with match keys instead");
        }
        return new SearchArchiveQuery(level, studyInstanceUid, seriesInstanceUid, matchKeys, fuzzy, offset, limit);
    }

    /** A match key's keyword, from a keyword or an 8-digit tag; sequence paths are not matched on. */
    static String keyword(String name) {
        if (name.matches("[0-9A-Fa-f]{8}")) {
            String keyword = StandardDictionary.keywordOf(Integer.parseUnsignedInt(name, 16));
            if (keyword == null || keyword.isEmpty()) {
                throw DicomWebException.badRequest("unknown attribute tag " + name);
            }
            return keyword;
        }
        if (name.contains(".")) {
            throw DicomWebException.badRequest("matching on sequence attributes (" + name + ") is not supported");
        }
        if (StandardDictionary.tagOf(name) < 0) {
            throw DicomWebException.badRequest("unknown query parameter or attribute keyword " + name);
        }
        return name;
    }

    private static void checkIncludeFields(String[] values) {
        for (String value : values) {
            for (String field : value.split(",")) {
                String trimmed = field.trim();
                if (!trimmed.isEmpty() && !trimmed.equalsIgnoreCase("all")) {
                    keyword(trimmed);
                }
            }
        }
    }

    private static int number(String name, String[] values, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(values[values.length - 1].trim());
        } catch (NumberFormatException e) {
            throw DicomWebException.badRequest(name + " must be a number, not " + values[values.length - 1]);
        }
        if (value < min || value > max) {
            throw DicomWebException.badRequest(name + " must be between " + min + " and " + max + ", not " + value
                    + (name.equalsIgnoreCase("limit") ? " (the most answers one request can ask for is " + max + ")"
                    : ""));
        }
        return value;
    }

    private static boolean bool(String name, String[] values) {
        String value = values[values.length - 1].trim();
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw DicomWebException.badRequest(name + " must be true or false, not " + value);
    }
}
