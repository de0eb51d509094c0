package org.rispacs.fhir.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report's free text read as the sections radiologists write ("FINDINGS: ...", "Impression:" on a line of its
 * own): a line that starts with a label of at most four words and a colon opens a section. The text is kept
 * whole; this only finds the headings, and the impression, the report's conclusion.
 */
final class ReportText {

    private static final Pattern HEADING = Pattern.compile(
            "^\\s*(\\p{L}[\\p{L}/&-]*(?: \\p{L}[\\p{L}/&-]*){0,3})\\s*:\\s*(.*)$");
    private static final Set<String> CONCLUSIONS = Set.of("IMPRESSION", "IMPRESSIONS", "CONCLUSION", "CONCLUSIONS");

    private ReportText() {
    }

    static List<ReportSection> sections(String text) {
        List<ReportSection> sections = new ArrayList<>();
        String heading = null;
        StringBuilder body = new StringBuilder();
        for (String line : (text == null ? "" : text).split("\\R", -1)) {
            Matcher opening = HEADING.matcher(line);
            if (opening.matches()) {
                add(sections, heading, body);
                heading = opening.group(1);
                body = new StringBuilder(opening.group(2));
            } else {
                if (!body.isEmpty() || heading != null) {
                    body.append('\n');
                }
                body.append(line);
            }
        }
        add(sections, heading, body);
        return sections;
    }

    /** The impression (or conclusion) section's text, or null when the report has none. */
    static String conclusion(String text) {
        return sections(text).stream()
                .filter(section -> section.heading() != null
                        && CONCLUSIONS.contains(section.heading().toUpperCase(Locale.ROOT)))
                .map(ReportSection::body).filter(body -> !body.isBlank()).findFirst().orElse(null);
    }

    private static void add(List<ReportSection> sections, String heading, StringBuilder body) {
        String trimmed = body.toString().strip();
        if (heading != null || !trimmed.isEmpty()) {
            sections.add(new ReportSection(heading, trimmed));
        }
    }
}
