package org.rispacs.app.dicomweb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One media range of an Accept header, with its parameters (PS3.18 8.7: {@code type} and
 * {@code transfer-syntax} of a multipart/related range). Parsed by hand because the parameters
 * of multipart ranges (quoted, with slashes) matter here and are compared as DICOMweb defines.
 */
record MediaRange(String mediaType, Map<String, String> parameters) {

    static final MediaRange ANY = new MediaRange("*/*", Map.of());

    /** The ranges of an Accept header, in the client's order; none given means anything. */
    static List<MediaRange> parseAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return List.of(ANY);
        }
        List<MediaRange> ranges = new ArrayList<>();
        for (String range : split(accept, ',')) {
            if (!range.isBlank()) {
                ranges.add(parse(range));
            }
        }
        return ranges.isEmpty() ? List.of(ANY) : ranges;
    }

    static MediaRange parse(String range) {
        List<String> parts = split(range, ';');
        String type = parts.get(0).trim().toLowerCase(Locale.ROOT);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : parts.subList(1, parts.size())) {
            int equals = parameter.indexOf('=');
            if (equals > 0) {
                String value = parameter.substring(equals + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                parameters.put(parameter.substring(0, equals).trim().toLowerCase(Locale.ROOT), value);
            }
        }
        return new MediaRange(type.isEmpty() ? "*/*" : type, parameters);
    }

    /** Whether this range admits the media type (with {@code *} wildcards). */
    boolean admits(String type) {
        if (mediaType.equals("*/*") || mediaType.equals("*")) {
            return true;
        }
        if (mediaType.endsWith("/*")) {
            return type.startsWith(mediaType.substring(0, mediaType.length() - 1));
        }
        return mediaType.equals(type);
    }

    boolean isWildcard() {
        return mediaType.endsWith("*");
    }

    /** The {@code type} parameter of a multipart range, lower case, or null. */
    String partType() {
        String type = parameters.get("type");
        return type == null ? null : type.toLowerCase(Locale.ROOT);
    }

    String transferSyntax() {
        return parameters.get("transfer-syntax");
    }

    boolean refused() {
        String quality = parameters.get("q");
        return quality != null && quality.trim().matches("0(\\.0*)?");
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
