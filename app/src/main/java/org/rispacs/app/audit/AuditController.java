package org.rispacs.app.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final QueryGateway queries;
    private final AggregateHistory history;
    private final AuditViews views;

    AuditController(QueryGateway queries, AggregateHistory history, AuditViews views) {
        this.queries = queries;
        this.history = history;
        this.views = views;
    }

    /**
     * Every event about a patient ({@code id^^^issuer}), accession, study, order, report or user
     * account (security events); oldest first.
     */
    @GetMapping("/timeline")
    List<AuditEntry> timeline(
            @RequestParam(required = false) String patient,
            @RequestParam(required = false) String accessionNumber,
            @RequestParam(required = false) String studyInstanceUid,
            @RequestParam(required = false) String orderId,
            @RequestParam(required = false) String reportId,
            @RequestParam(required = false) String actor,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "100") int size,
            @RequestParam(required = false) String user,
            HttpServletRequest request) {
        List<AuditEntry> entries = queries.query(new FindAuditTimelineQuery(patient, accessionNumber,
                        studyInstanceUid, orderId, reportId, actor, from, to, page, size, user),
                ResponseTypes.multipleInstancesOf(AuditEntry.class)).join();
        views.timelineViewed(request, "api-audit-timeline", entries);
        return entries;
    }

    /**
     * An order, study, report, patient, delivery or charge as it stood at an instant, computed
     * from the event store (not from a read model): its events up to then, and the state their
     * payloads add up to.
     */
    @GetMapping("/aggregates/{aggregateId}")
    ResponseEntity<Map<String, Object>> asOf(
            @PathVariable String aggregateId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant at,
            HttpServletRequest request) {
        Optional<Map<String, Object>> replay = history.asOf(aggregateId, at != null ? at : Instant.now());
        replay.ifPresent(found -> views.stateViewed(request, "api-audit-state", aggregateId, found));
        return ResponseEntity.of(replay);
    }
}
