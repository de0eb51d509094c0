package org.rispacs.app.study;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.study.FindUnmatchedStudiesQuery;
import org.rispacs.api.study.ReconcileStudyCommand;
import org.rispacs.api.study.UnmatchedStudy;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.web.AccessAudit;
import org.rispacs.app.web.WebCommands;
import org.rispacs.app.web.WebPage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Studies no order claimed: why, what the modality sent, which orders could be theirs; a person
 * links one to an order (and may correct its patient) with a note that says why.
 */
@Controller
class ReconciliationPages implements WebPage {

    private static final int PAGE = 200;
    private static final int SEARCH_LIMIT = 50;
    private static final LocalTime LAST_SECOND = LocalTime.of(23, 59, 59);
    /** Orders a study may still be linked to: not cancelled, not discontinued. */
    private static final String CANDIDATE_STATUSES = "PLACED\\SCHEDULED\\STARTED\\COMPLETED";

    private final QueryGateway queries;
    private final WebCommands commands;
    private final AccessAudit accessAudit;

    ReconciliationPages(QueryGateway queries, WebCommands commands, AccessAudit accessAudit) {
        this.queries = queries;
        this.commands = commands;
        this.accessAudit = accessAudit;
    }

    @GetMapping("/reconciliation")
    String list(Model model, HttpServletRequest request) {
        List<UnmatchedStudy> studies = unmatched();
        model.addAttribute("more", studies.size() > PAGE);
        studies = studies.subList(0, Math.min(PAGE, studies.size()));
        model.addAttribute("studies", studies);
        accessAudit.viewedList(request, "unmatched-studies", studies.stream()
                .map(study -> AccessAudit.patient(study.patientId(), study.issuerOfPatientId())).toList());
        return "reconciliation/list";
    }

    /**
     * An order search, by any of patient id, patient name, accession number and scheduled date.
     * Ids and accessions match as typed ({@code *} and {@code ?} allowed); a name without a wildcard
     * matches names that start with it, ignoring case and accents.
     */
    record OrderSearch(String patientId, String patientName, String accessionNumber, LocalDate date) {

        public boolean isEmpty() {
            return blank(patientId) && blank(patientName) && blank(accessionNumber) && date == null;
        }

        WorklistCriteria criteria() {
            String name = blank(patientName) ? null : patientName.strip();
            if (name != null && !name.contains("*") && !name.contains("?")) {
                name = name + "*";
            }
            return new WorklistCriteria(name, blank(patientId) ? null : patientId.strip(), null,
                    blank(accessionNumber) ? null : accessionNumber.strip(), null, null,
                    date == null ? null : date.atStartOfDay(), date == null ? null : date.atTime(LAST_SECOND),
                    null, null, CANDIDATE_STATUSES);
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    @GetMapping("/reconciliation/{studyInstanceUid}")
    String study(@PathVariable String studyInstanceUid,
                 @RequestParam(required = false) String searchPatientId,
                 @RequestParam(required = false) String searchPatientName,
                 @RequestParam(required = false) String searchAccession,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate searchDate,
                 Model model, HttpServletRequest request) {
        UnmatchedStudy study = unmatched().stream().filter(s -> s.studyInstanceUid().equals(studyInstanceUid))
                .findFirst().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no unmatched study " + studyInstanceUid));
        List<Candidate> candidates = candidates(study);
        OrderSearch search = new OrderSearch(searchPatientId, searchPatientName, searchAccession, searchDate);
        List<Candidate> found = search.isEmpty() ? List.of() : search(search);
        model.addAttribute("foundMore", found.size() > SEARCH_LIMIT);
        found = found.subList(0, Math.min(SEARCH_LIMIT, found.size()));
        model.addAttribute("study", study);
        model.addAttribute("candidates", candidates);
        model.addAttribute("search", search);
        model.addAttribute("found", found);
        List<PatientIdentifier> shown = new ArrayList<>();
        shown.add(AccessAudit.patient(study.patientId(), study.issuerOfPatientId()));
        Stream.concat(candidates.stream(), found.stream())
                .forEach(candidate -> shown.add(AccessAudit.patient(candidate.patientId(), candidate.issuer())));
        accessAudit.viewed(request, "unmatched-study", shown, null, study.accessionNumber(), studyInstanceUid, null);
        return "reconciliation/study";
    }

    /**
     * Links the study to the chosen order. The command side decides (an order that has a study, an
     * order of another patient); when it refuses, the page comes back with why and with what the
     * person chose and wrote, to confirm or change.
     */
    @PostMapping("/reconciliation/{studyInstanceUid}")
    String reconcile(@PathVariable String studyInstanceUid, @RequestParam(defaultValue = "") String orderId,
                     @RequestParam(defaultValue = "") String note,
                     @RequestParam(defaultValue = "ONLY_STUDY") StudyLinkMode mode,
                     @RequestParam(defaultValue = "false") boolean correctPatient,
                     @RequestParam(required = false) String searchPatientId,
                     @RequestParam(required = false) String searchPatientName,
                     @RequestParam(required = false) String searchAccession,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                     LocalDate searchDate,
                     Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        String back = UriComponentsBuilder.fromPath("/reconciliation/{uid}")
                .queryParamIfPresent("searchPatientId", present(searchPatientId))
                .queryParamIfPresent("searchPatientName", present(searchPatientName))
                .queryParamIfPresent("searchAccession", present(searchAccession))
                .queryParamIfPresent("searchDate", Optional.ofNullable(searchDate))
                .buildAndExpand(studyInstanceUid).encode().toUriString();
        String chosen = orderId.strip();
        redirect.addFlashAttribute("chosen", new Choice(chosen, note, mode, correctPatient));
        if (note.isBlank()) {
            redirect.addFlashAttribute("problem", "A note that says why is required.");
            return "redirect:" + back;
        }
        if (chosen.isBlank()) {
            redirect.addFlashAttribute("problem", "Choose the order this study belongs to.");
            return "redirect:" + back;
        }
        if (queries.query(new FindOrderQuery(chosen), ResponseTypes.optionalInstanceOf(OrderView.class)).join()
                .isEmpty()) {
            redirect.addFlashAttribute("problem", "There is no order " + chosen + ".");
            return "redirect:" + back;
        }
        Optional<String> refused = commands.send(new ReconcileStudyCommand(studyInstanceUid, chosen, mode,
                correctPatient, user.getName(), note.strip()), request);
        if (refused.isPresent()) {
            redirect.addFlashAttribute("problem", refused.get());
            return "redirect:" + back;
        }
        WebCommands.awaitReadModel(() -> unmatched().stream()
                .noneMatch(s -> s.studyInstanceUid().equals(studyInstanceUid)));
        String replaced = mode == StudyLinkMode.REPLACE_STUDY ? "; the study it replaced is back in this list" : "";
        redirect.addFlashAttribute("done", "Study " + studyInstanceUid + " linked to order " + chosen + replaced + ".");
        return "redirect:/reconciliation";
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** What the person chose on the form, shown again when the command side refused it. */
    record Choice(String orderId, String note, StudyLinkMode mode, boolean correctPatient) {
    }

    record Candidate(String orderId, String patientId, String issuer, String patientName, String accessionNumber,
                     String procedure, String modality, String status, LocalDateTime scheduledStart, String why) {
    }

    /** Orders of the patient as received (placed, scheduled, started or completed), and the order of the accession. */
    private List<Candidate> candidates(UnmatchedStudy study) {
        Map<String, Candidate> byOrder = new LinkedHashMap<>();
        if (study.accessionNumber() != null && !study.accessionNumber().isBlank()) {
            try {
                queries.query(new FindOrderByAccessionQuery(study.accessionNumber()),
                        ResponseTypes.optionalInstanceOf(OrderView.class)).join().ifPresent(order ->
                        byOrder.put(order.orderId(), new Candidate(order.orderId(), order.patientId(),
                                order.patientIdIssuer(), null, order.accessionNumber(), order.procedureCode(),
                                order.modality(), "", null, "same accession number")));
            } catch (RuntimeException notAnAccession) {
                // an accession that is not one of ours finds nothing
            }
        }
        if (study.patientId() != null && !study.patientId().isBlank()) {
            WorklistCriteria samePatient = new WorklistCriteria(null, study.patientId(), null, null, null, null, null,
                    null, null, null, CANDIDATE_STATUSES);
            for (ModalityWorklistItem item : queries.query(new FindModalityWorklistQuery(samePatient, 50),
                    ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join()) {
                byOrder.putIfAbsent(item.orderId(), candidate(item, "same patient id"));
            }
        }
        return List.copyOf(byOrder.values());
    }

    /** Orders found by the person's search, from the order documents of the worklist read model. */
    private List<Candidate> search(OrderSearch search) {
        return queries.query(new FindModalityWorklistQuery(search.criteria(), SEARCH_LIMIT + 1),
                        ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join().stream()
                .map(item -> candidate(item, "found")).toList();
    }

    private static Candidate candidate(ModalityWorklistItem item, String why) {
        return new Candidate(item.orderId(), item.patientId(), item.issuerOfPatientId(), item.patientName(),
                item.accessionNumber(), item.requestedProcedureDescription() != null
                ? item.requestedProcedureDescription() : item.procedureCode(), item.modality(), item.status(),
                item.scheduledStart(), why);
    }

    private List<UnmatchedStudy> unmatched() {
        return queries.query(new FindUnmatchedStudiesQuery(null, 0, PAGE + 1),
                ResponseTypes.multipleInstancesOf(UnmatchedStudy.class)).join();
    }
}
