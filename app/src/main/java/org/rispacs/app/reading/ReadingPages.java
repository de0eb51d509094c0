package org.rispacs.app.reading;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.Actor;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
import org.rispacs.api.reading.ReadingWorklistPage;
import org.rispacs.api.reading.ReportStatus;
import org.rispacs.api.report.AddendReportCommand;
import org.rispacs.api.report.DraftReportCommand;
import org.rispacs.api.report.ReviseReportCommand;
import org.rispacs.api.report.SignReportCommand;
import org.rispacs.api.report.SignReportPreliminaryCommand;
import org.rispacs.app.security.CurrentUser;
import org.rispacs.app.security.Role;
import org.rispacs.app.security.UserAccount;
import org.rispacs.app.security.UserAccounts;
import org.rispacs.app.viewer.ViewerLinks;
import org.rispacs.app.web.AccessAudit;
import org.rispacs.app.web.WebCommands;
import org.rispacs.app.web.WebPage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The radiologists' pages: the live reading worklist, and a study with its order, priors and report. */
@Controller
class ReadingPages implements WebPage {

    private final QueryGateway queries;
    private final ReadingWorklistStream stream;
    private final ReportHistory reports;
    private final PriorStudies priors;
    private final WebCommands commands;
    private final AccessAudit accessAudit;
    private final UserAccounts accounts;
    private final int pageSize;

    ReadingPages(QueryGateway queries, ReadingWorklistStream stream, ReportHistory reports, PriorStudies priors,
                 WebCommands commands, AccessAudit accessAudit, UserAccounts accounts,
                 @Value("${ris.reading.page-size:100}") int pageSize) {
        this.queries = queries;
        this.stream = stream;
        this.reports = reports;
        this.priors = priors;
        this.commands = commands;
        this.accessAudit = accessAudit;
        this.accounts = accounts;
        this.pageSize = pageSize;
    }

    @GetMapping("/reading")
    String worklist(@RequestParam(required = false) String modality,
                    @RequestParam(required = false) OrderPriority priority,
                    @RequestParam(required = false) ReportStatus status,
                    @RequestParam(defaultValue = "0") int page, Model model, HttpServletRequest request) {
        ReadingFilter filter = new ReadingFilter(modality, priority, status, page);
        model.addAttribute("priorities", OrderPriority.values());
        model.addAttribute("statuses", ReportStatus.values());
        rows(filter, model, request);
        return "reading/worklist";
    }

    @GetMapping("/reading/rows")
    String rows(@RequestParam(required = false) String modality,
                @RequestParam(required = false) OrderPriority priority,
                @RequestParam(required = false) ReportStatus status,
                @RequestParam(defaultValue = "0") int page, Model model, HttpServletRequest request) {
        rows(new ReadingFilter(modality, priority, status, page), model, request);
        return "reading/worklist :: list";
    }

    @GetMapping(path = "/reading/stream", produces = "text/event-stream")
    SseEmitter stream(@RequestParam(required = false) String modality,
                      @RequestParam(required = false) OrderPriority priority,
                      @RequestParam(required = false) ReportStatus status,
                      @RequestParam(defaultValue = "0") int page, HttpSession session) {
        return stream.watch(new ReadingFilter(modality, priority, status, page), session);
    }

    private void rows(ReadingFilter filter, Model model, HttpServletRequest request) {
        ReadingWorklistPage found = queries.query(filter.query(pageSize),
                ResponseTypes.instanceOf(ReadingWorklistPage.class)).join();
        model.addAttribute("filter", filter);
        model.addAttribute("found", found);
        model.addAttribute("items", found.items());
        accessAudit.viewedList(request, "reading-worklist", found.items().stream()
                .map(item -> AccessAudit.patient(item.patientId(), item.issuerOfPatientId())).toList());
    }

    @GetMapping("/reading/studies/{orderId}")
    String study(@PathVariable String orderId, Model model, HttpServletRequest request) {
        ReadingWorklistItem item = item(orderId);
        Optional<OrderView> order = queries.query(new FindOrderQuery(orderId),
                ResponseTypes.optionalInstanceOf(OrderView.class)).join();
        String reportId = reportId(item);
        ReportHistory.Report report = reports.load(reportId);
        model.addAttribute("item", item);
        model.addAttribute("order", order.orElse(null));
        model.addAttribute("report", report);
        model.addAttribute("deliveries", reports.deliveries(reportId));
        model.addAttribute("priors", priors.of(item));
        model.addAttribute("viewerUrl", ViewerLinks.study(item.studyInstanceUid()));
        model.addAttribute("viewerWindow", ViewerLinks.WINDOW);
        model.addAttribute("weasisUrl", ViewerLinks.weasis(ServletUriComponentsBuilder.fromContextPath(request)
                .toUriString(), item.studyInstanceUid()));
        // after a refusal the author's own text comes back (flash attribute "mine"), never the saved one over it
        Object mine = model.getAttribute("mine");
        model.addAttribute("editorText", mine != null ? mine : report.text());
        model.addAttribute("unsaved", mine != null && !mine.equals(report.text()));
        accessAudit.viewed(request, "reading-study",
                AccessAudit.shown(AccessAudit.patient(item.patientId(), item.issuerOfPatientId())), orderId,
                item.accessionNumber(), item.studyInstanceUid(), reportId);
        return "reading/study";
    }

    /**
     * One form, several buttons: save the text (draft or revision), sign it preliminary or final
     * (saving a changed text first), or add an addendum to a final report. The form carries the
     * text revision it was loaded with; an edit or signature based on a text changed since is
     * refused, and the page then shows the author's text beside the saved one.
     */
    @PostMapping("/reading/studies/{orderId}/report")
    String report(@PathVariable String orderId, @RequestParam String action,
                  @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String addendum,
                  @RequestParam(required = false) Integer revision,
                  Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        ReadingWorklistItem item = item(orderId);
        String reportId = reportId(item);
        Actor actor = actor(user);
        Optional<String> refused = switch (action) {
            case "save" -> save(item, reportId, actor, text, revision, request).refusal();
            case "preliminary" -> save(item, reportId, actor, text, revision, request).then(signedOn ->
                    commands.send(new SignReportPreliminaryCommand(reportId, actor, signedOn), request));
            case "final" -> save(item, reportId, actor, text, revision, request).then(signedOn ->
                    commands.send(new SignReportCommand(reportId, actor, signedOn), request));
            case "addendum" -> addendum.isBlank() ? Optional.of("An addendum needs a text.")
                    : commands.send(new AddendReportCommand(reportId, actor, addendum.strip()), request);
            default -> Optional.of("Unknown action " + action);
        };
        refused.ifPresentOrElse(message -> {
            redirect.addFlashAttribute("problem", message);
            if ("addendum".equals(action)) {
                redirect.addFlashAttribute("mineAddendum", addendum);
            } else if (!text.isBlank()) {
                redirect.addFlashAttribute("mine", text);
            }
        }, () -> redirect.addFlashAttribute("done", switch (action) {
            case "preliminary" -> "Report signed preliminary.";
            case "final" -> "Report signed final.";
            case "addendum" -> "Addendum added.";
            default -> "Report saved.";
        }));
        return "redirect:/reading/studies/" + orderId;
    }

    /**
     * The page's autosave while the radiologist types: saves the draft as the form's save does,
     * with the same revision check, and answers JSON: the new revision, or (409) why not with the
     * text saved meanwhile so the page can show both.
     */
    @PostMapping(path = "/reading/studies/{orderId}/report/autosave", produces = "application/json")
    @ResponseBody
    ResponseEntity<Map<String, Object>> autosave(@PathVariable String orderId,
                                                 @RequestParam(defaultValue = "") String text,
                                                 @RequestParam(required = false) Integer revision,
                                                 Authentication user, HttpServletRequest request) {
        if (text.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("problem", "The report has no text."));
        }
        ReadingWorklistItem item = item(orderId);
        String reportId = reportId(item);
        Saved saved = save(item, reportId, actor(user), text, revision, request);
        ReportHistory.Report report = reports.load(reportId);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("revision", report.revision());
        answer.put("lastAuthor", report.lastAuthor());
        answer.put("lastChangedAt", report.lastChangedAt() == null ? null : report.lastChangedAt().toString());
        if (saved.refusal().isEmpty()) {
            answer.put("revision", saved.revision() != null ? saved.revision() : report.revision());
            return ResponseEntity.ok(answer);
        }
        answer.put("problem", saved.refusal().get());
        answer.put("currentText", report.text());
        accessAudit.viewed(request, "reading-report-autosave",
                AccessAudit.shown(AccessAudit.patient(item.patientId(), item.issuerOfPatientId())), orderId,
                item.accessionNumber(), item.studyInstanceUid(), reportId);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(answer);
    }

    /**
     * The outcome of saving: a refusal, or the text revision now saved, on which a signature in
     * the same request is based (null when the page sent none: then nothing is checked).
     */
    private record Saved(Optional<String> refusal, Integer revision) {

        Optional<String> then(Function<Integer, Optional<String>> next) {
            return refusal.isPresent() ? refusal : next.apply(revision);
        }
    }

    private Saved save(ReadingWorklistItem item, String reportId, Actor actor, String text, Integer basedOn,
                       HttpServletRequest request) {
        if (text.isBlank()) {
            return new Saved(Optional.of("The report has no text."), basedOn);
        }
        ReportHistory.Report report = reports.load(reportId);
        if (text.equals(report.text())) {
            // nothing to save; a signature signs this very text, whoever saved it
            return new Saved(Optional.empty(), report.revision());
        }
        if (!report.drafted() && (basedOn == null || basedOn == 0)) {
            try {
                return new Saved(commands.send(new DraftReportCommand(reportId, item.orderId(),
                        item.studyInstanceUid(), actor, text), request), 1);
            } catch (RuntimeException draftFailed) {
                if (!reports.load(reportId).drafted()) {
                    throw draftFailed;
                }
                // another radiologist drafted it a moment before: revising "revision 0" is refused, naming them
                basedOn = 0;
            }
        }
        // based on revision 0 while a draft exists: someone drafted meanwhile, which the report refuses
        return new Saved(commands.send(new ReviseReportCommand(reportId, actor, text, basedOn), request),
                basedOn == null ? null : basedOn + 1);
    }

    private Actor actor(Authentication user) {
        return CurrentUser.actor(user, accounts.find(user.getName()).map(UserAccount::displayName)
                .orElse(user.getName()), Role.RADIOLOGIST);
    }

    private ReadingWorklistItem item(String orderId) {
        return queries.query(new FindReadingWorklistItemQuery(orderId),
                        ResponseTypes.optionalInstanceOf(ReadingWorklistItem.class)).join()
                .filter(found -> found.studyInstanceUid() != null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "nothing to read for " + orderId));
    }

    /** The report the worklist knows, else the one this page starts for the order. */
    private static String reportId(ReadingWorklistItem item) {
        return item.reportId() != null ? item.reportId() : "report-" + item.orderId();
    }
}
