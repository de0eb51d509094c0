package org.rispacs.api.worklist;

import java.util.Arrays;
import java.util.List;

/**
 * How a worklist matching key's value reads (PS3.4 C.2.2.2), the one reading the REST worklist,
 * the DICOM worklist and the count of worklist queries share: empty or nothing but {@code *} is
 * universal; otherwise a list of alternatives separated by backslashes (List of UID / value
 * matching), each a single value or a wildcard.
 */
public final class MatchingKeys {

    private MatchingKeys() {
    }

    /** Universal matching: absent, empty, nothing but '*', or a list of which one alternative is that. */
    public static boolean isUniversal(String value) {
        List<String> alternatives = alternatives(value);
        return alternatives.isEmpty()
                || alternatives.stream().anyMatch(alternative -> alternative.chars().allMatch(c -> c == '*'));
    }

    /** The alternatives of a value, trimmed, empty ones left out; one for a value without a backslash. */
    public static List<String> alternatives(String value) {
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split("\\\\")).map(String::strip).filter(alternative -> !alternative.isEmpty())
                .toList();
    }
}
