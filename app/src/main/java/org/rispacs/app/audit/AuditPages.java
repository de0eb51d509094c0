package org.rispacs.app.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.app.web.DisplayTimes;
import org.rispacs.app.web.WebPage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Auditors: search the timeline by patient, accession, study, actor and time range; replay an
 * aggregate's state as of a chosen instant. Times in the forms are the department's (ris.time-zone).
 */
@Controller
class AuditPages implements WebPage {

    private static final int PAGE = 500;

    private final QueryGateway queries;
    private final AggregateHistory history;
    private final AuditViews views;
    private final DisplayTimes times;

    AuditPages(QueryGateway queries, AggregateHistory history, AuditViews views, DisplayTimes times) {
        this.queries = queries;
        this.history = history;
        this.views = views;
        this.times = times;
    }

    record Search(String patient, String accessionNumber, String studyInstanceUid, String orderId, String actor,
                  LocalDateTime from, LocalDateTime to, String user) {

        public boolean isEmpty() {
            return blank(patient) && blank(accessionNumber) && blank(studyInstanceUid) && blank(orderId)
                    && blank(actor) && from == null && to == null && blank(user);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    @GetMapping("/audit")
    String timeline(@RequestParam(required = false) String patient,
                    @RequestParam(required = false) String accessionNumber,
                    @RequestParam(required = false) String studyInstanceUid,
                    @RequestParam(required = false) String orderId,
                    @RequestParam(required = false) String actor,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    LocalDateTime from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                    LocalDateTime to,
                    @RequestParam(required = false) String user,
                    Model model, HttpServletRequest request) {
        Search search = new Search(patient, accessionNumber, studyInstanceUid, orderId, actor, from, to, user);
        model.addAttribute("search", search);
        List<AuditEntry> entries = search.isEmpty() ? List.of() : queries.query(new FindAuditTimelineQuery(
                        patient, accessionNumber, studyInstanceUid, orderId, null, actor, instant(from), instant(to), 0,
                        PAGE + 1, user),
                ResponseTypes.multipleInstancesOf(AuditEntry.class)).join();
        model.addAttribute("more", entries.size() > PAGE);
        entries = entries.subList(0, Math.min(PAGE, entries.size()));
        model.addAttribute("entries", entries);
        views.timelineViewed(request, "audit-timeline", entries);
        return "audit/timeline";
    }

    @GetMapping("/audit/state")
    String state(@RequestParam String aggregateId,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime at,
                 Model model, HttpServletRequest request) {
        Instant asOf = at != null ? instant(at) : Instant.now();
        Map<String, Object> state = history.asOf(aggregateId.strip(), asOf).orElse(null);
        if (state != null) {
            views.stateViewed(request, "audit-state", aggregateId.strip(), state);
        }
        model.addAttribute("aggregateId", aggregateId.strip());
        model.addAttribute("at", at);
        model.addAttribute("asOf", asOf);
        model.addAttribute("replay", state);
        return "audit/state";
    }

    private Instant instant(LocalDateTime time) {
        return time == null ? null : time.atZone(times.zone()).toInstant();
    }
}
