package org.rispacs.app.study;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.study.FindUnmatchedStudiesQuery;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.app.web.AccessAudit;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/studies/unmatched")
class UnmatchedStudiesController {

    private final QueryGateway queries;
    private final AccessAudit accessAudit;

    UnmatchedStudiesController(QueryGateway queries, AccessAudit accessAudit) {
        this.queries = queries;
        this.accessAudit = accessAudit;
    }

    /** Studies awaiting reconciliation, newest first. */
    @GetMapping
    List<UnmatchedStudy> find(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size,
            HttpServletRequest request) {
        List<UnmatchedStudy> studies = queries.query(new FindUnmatchedStudiesQuery(since, page, size),
                ResponseTypes.multipleInstancesOf(UnmatchedStudy.class)).join();
        accessAudit.viewedRows(request, "api-unmatched-studies", studies,
                study -> AccessAudit.patient(study.patientId(), study.issuerOfPatientId()));
        return studies;
    }
}
