package org.rispacs.app.reading;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.reading.FindReadingWorklistPageQuery;
import org.rispacs.api.reading.FindReadingWorklistQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.reading.ReadingWorklistPage;
import org.rispacs.api.reading.ReadingWorklistSort;
import org.rispacs.api.reading.ReportStatus;
import org.rispacs.app.web.AccessAudit;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The radiologists' reading worklist: studies completed, linked to their order and committed,
 * not yet signed final (unless asked for with {@code reportStatus=FINAL}). Repeat a parameter,
 * or separate values with commas, to match any of several values. The {@code X-Total-Count} header
 * says how many studies match in all, so that a client paging through them knows what it has not seen.
 */
@RestController
@RequestMapping("/api/worklists/reading")
class ReadingWorklistController {

    private final QueryGateway queries;
    private final AccessAudit accessAudit;

    ReadingWorklistController(QueryGateway queries, AccessAudit accessAudit) {
        this.queries = queries;
        this.accessAudit = accessAudit;
    }

    @GetMapping
    ResponseEntity<List<ReadingWorklistItem>> find(
            @RequestParam(required = false) List<String> modality,
            @RequestParam(required = false) List<OrderPriority> priority,
            @RequestParam(required = false) List<ReportStatus> reportStatus,
            @RequestParam(defaultValue = "PRIORITY") ReadingWorklistSort sort,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            HttpServletRequest request) {
        ReadingWorklistPage found = queries.query(new FindReadingWorklistPageQuery(
                new FindReadingWorklistQuery(modality, priority, reportStatus, sort, page, size)),
                ResponseTypes.instanceOf(ReadingWorklistPage.class)).join();
        accessAudit.viewedRows(request, "api-reading-worklist", found.items(),
                item -> AccessAudit.patient(item.patientId(), item.issuerOfPatientId()));
        return ResponseEntity.ok().header("X-Total-Count", Long.toString(found.total())).body(found.items());
    }
}
