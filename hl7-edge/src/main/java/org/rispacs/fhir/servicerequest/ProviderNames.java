package org.rispacs.fhir.servicerequest;

import java.util.ArrayList;
import java.util.List;

/**
 * The ordering provider's name between our DICOM PN form ({@code family^given^middle^prefix^suffix})
 * and FHIR's {@code requester.display}, which is free text.
 */
final class ProviderNames {

    private ProviderNames() {
    }

    /** "prefix given middle family suffix" of a PN; null when it holds nothing. */
    static String display(String personName) {
        if (personName == null || personName.isBlank()) {
            return null;
        }
        String[] parts = personName.split("\\^", -1);
        List<String> words = new ArrayList<>();
        for (int index : new int[] {3, 1, 2, 0, 4}) {
            if (index < parts.length && !parts[index].isBlank()) {
                words.add(parts[index].strip());
            }
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    /**
     * A display as a PN: free text cannot be split into components reliably, so it is kept whole as
     * the family name (a caret, PN's separator, becomes a space); its display is the text again.
     */
    static String personName(String display) {
        if (display == null || display.isBlank()) {
            return null;
        }
        return display.replace('^', ' ').strip();
    }
}
