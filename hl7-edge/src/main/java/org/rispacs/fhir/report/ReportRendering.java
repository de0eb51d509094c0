package org.rispacs.fhir.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirReportAddendum;

/**
 * The report's presented forms: its whole text as plain text (the signed text, then each addendum under a line
 * naming it), and as an XHTML document (a title, the text's sections with their headings, each addendum marked as
 * one). Times are shown in the department's zone.
 */
final class ReportRendering {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final ZoneId zone;

    ReportRendering(ZoneId zone) {
        this.zone = zone;
    }

    String plainText(FhirDiagnosticReport report) {
        StringBuilder text = new StringBuilder(report.text() == null ? "" : report.text().strip());
        for (FhirReportAddendum addendum : report.addenda()) {
            text.append("\n\n").append(addendumLine(addendum)).append('\n').append(addendum.text().strip());
        }
        return text.append('\n').toString();
    }

    String html(FhirDiagnosticReport report, String title, String status) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n")
                .append("<head><meta charset=\"utf-8\"/><title>").append(escape(title)).append("</title></head>\n")
                .append("<body>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"status\">")
                .append(escape(status));
        if (report.signer() != null) {
            html.append(", signed by ").append(escape(report.signer()));
        }
        if (report.signedAt() != null) {
            html.append(" at ").append(escape(time(report.signedAt())));
        }
        html.append("</p>\n");
        for (ReportSection section : ReportText.sections(report.text())) {
            html.append("<section>");
            if (section.heading() != null) {
                html.append("<h2>").append(escape(section.heading())).append("</h2>");
            }
            html.append(paragraph(section.body())).append("</section>\n");
        }
        for (FhirReportAddendum addendum : report.addenda()) {
            html.append("<section class=\"addendum\"><h2>Addendum ").append(addendum.number()).append("</h2>")
                    .append("<p class=\"byline\">").append(escape(byline(addendum))).append("</p>")
                    .append(paragraph(addendum.text().strip())).append("</section>\n");
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private String addendumLine(FhirReportAddendum addendum) {
        return "ADDENDUM " + addendum.number() + " (" + byline(addendum) + "):";
    }

    private String byline(FhirReportAddendum addendum) {
        return (addendum.author() == null ? "" : addendum.author() + ", ") + time(addendum.at());
    }

    private String time(Instant at) {
        return at == null ? "" : TIME.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    private static String paragraph(String body) {
        return body.isEmpty() ? "" : "<p>" + escape(body).replace("\n", "<br/>") + "</p>";
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    // XML allows no other control characters; they carry nothing a reader sees
                    if (c >= ' ' || c == '\n' || c == '\t') {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
