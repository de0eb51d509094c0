package org.rispacs.app.reading;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.ArchiveMatch;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.app.viewer.ViewerLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The priors of a study on the reading page: what the archive holds of each (date, modalities,
 * description) and what its report concluded. A prior the archive does not know is still listed.
 */
@Component
class PriorStudies {

    private static final Logger LOG = LoggerFactory.getLogger(PriorStudies.class);
    private static final int MOST_STUDIES = 200;
    static final int EXCERPT = 200;
    private static final Pattern IMPRESSION = Pattern.compile("(?im)^[ \\t]*impressions?[ \\t]*(?::|$)[ \\t]*");
    /** The heading of the section after the impression: a line of capitals ending with a colon. */
    private static final Pattern NEXT_HEADING = Pattern.compile("(?m)^[ \\t]*[A-Z][A-Z /&-]{2,}:");

    private final QueryGateway queries;
    private final ReportHistory reports;

    PriorStudies(QueryGateway queries, ReportHistory reports) {
        this.queries = queries;
        this.reports = reports;
    }

    List<PriorStudy> of(ReadingWorklistItem item) {
        if (item.priorStudyUids() == null || item.priorStudyUids().isEmpty()) {
            return List.of();
        }
        Map<String, ArchivedStudy> archived = archived(item);
        return item.priorStudyUids().stream().map(uid -> {
            ArchivedStudy study = archived.get(uid);
            String compare = ViewerLinks.compare(item.studyInstanceUid(), uid);
            if (study == null) {
                return new PriorStudy(uid, null, null, null, null, compare);
            }
            return new PriorStudy(uid, date(study.studyDate()),
                    study.modalitiesInStudy().isEmpty() ? null : String.join("/", study.modalitiesInStudy()),
                    study.studyDescription(), impression(study.orderId()), compare);
        }).toList();
    }

    private Map<String, ArchivedStudy> archived(ReadingWorklistItem item) {
        Map<String, ArchivedStudy> byUid = new HashMap<>();
        if (item.patientId() == null || item.issuerOfPatientId() == null) {
            return byUid;
        }
        try {
            ArchiveSearchResult found = queries.query(new SearchArchiveQuery(ArchiveLevel.STUDY, null, null,
                            Map.of("PatientID", item.patientId(), "IssuerOfPatientID", item.issuerOfPatientId()),
                            false, 0, MOST_STUDIES),
                    ResponseTypes.instanceOf(ArchiveSearchResult.class)).join();
            if (found != null) {
                found.matches().stream().map(ArchiveMatch::study)
                        .forEach(study -> byUid.put(study.studyInstanceUid(), study));
            }
        } catch (RuntimeException unanswered) {
            // the page still lists the priors by UID
            LOG.warn("The archive did not answer for the priors of order {}: {}", item.orderId(),
                    unanswered.toString());
        }
        return byUid;
    }

    private String impression(String orderId) {
        if (orderId == null) {
            return null;
        }
        Optional<ReadingWorklistItem> prior = queries.query(new FindReadingWorklistItemQuery(orderId),
                ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join();
        String reportId = prior.map(ReadingWorklistItem::reportId).orElse("report-" + orderId);
        ReportHistory.Report report = reports.load(reportId);
        return report.drafted() ? impressionOf(report.text()) : null;
    }

    /** The text of the report's IMPRESSION section if it has one, else its first 200 characters. */
    static String impressionOf(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher heading = IMPRESSION.matcher(text);
        if (heading.find()) {
            String rest = text.substring(heading.end());
            Matcher next = NEXT_HEADING.matcher(rest);
            String section = (next.find() ? rest.substring(0, next.start()) : rest).strip();
            if (!section.isEmpty()) {
                return section;
            }
        }
        String stripped = text.strip();
        return stripped.length() <= EXCERPT ? stripped : stripped.substring(0, EXCERPT) + "…";
    }

    private static String date(String dicomDate) {
        return dicomDate != null && dicomDate.matches("\\d{8}")
                ? dicomDate.substring(0, 4) + "-" + dicomDate.substring(4, 6) + "-" + dicomDate.substring(6)
                : dicomDate;
    }
}
