package org.rispacs.app.worklist;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDateTime;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.web.AccessAudit;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The modality worklist over HTTP, with the same matching as the DICOM worklist: {@code *} and
 * {@code ?} wildcards, backslash-separated alternatives, case- and accent-insensitive names.
 */
@RestController
@RequestMapping("/api/worklists/modality")
class WorklistController {

    private final QueryGateway queries;
    private final AccessAudit accessAudit;

    WorklistController(QueryGateway queries, AccessAudit accessAudit) {
        this.queries = queries;
        this.accessAudit = accessAudit;
    }

    @GetMapping
    List<ModalityWorklistItem> find(
            @RequestParam(required = false) String patientName,
            @RequestParam(required = false) String patientId,
            @RequestParam(required = false) String issuerOfPatientId,
            @RequestParam(required = false) String accessionNumber,
            @RequestParam(required = false) String modality,
            @RequestParam(required = false) String station,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
            @RequestParam(required = false) String scheduledProcedureStepId,
            @RequestParam(required = false) String requestedProcedureId,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "100") int limit,
            HttpServletRequest request) {
        WorklistCriteria criteria = new WorklistCriteria(patientName, patientId, issuerOfPatientId, accessionNumber,
                modality, station, from, to, scheduledProcedureStepId, requestedProcedureId, status);
        List<ModalityWorklistItem> items = queries.query(new FindModalityWorklistQuery(criteria, limit),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join();
        accessAudit.viewedRows(request, "api-modality-worklist", items,
                item -> AccessAudit.patient(item.patientId(), item.issuerOfPatientId()));
        return items;
    }
}
