package org.rispacs.app.reading;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.Actor;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.reading.FindReadingWorklistItemQuery;
import org.rispacs.api.reading.ReadingWorklistItem;
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
import org.rispacs.app.web.AccessAudit;
import org.rispacs.app.web.WebCommands;
import org.rispacs.app.web.WebPage;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The radiologists' pages: the live reading worklist, and a study with its order, priors and report. */
@Controller
class ReadingPages implements WebPage {

    private final QueryGateway queries;
    private final ReadingWorklistStream stream;
    private final ReportHistory reports;
    private final WebCommands commands;
    private final AccessAudit accessAudit;
    private final UserAccounts accounts;

    ReadingPages(QueryGateway queries, ReadingWorklistStream stream, ReportHistory reports, WebCommands commands,
                 AccessAudit accessAudit, UserAccounts accounts) {
        this.queries = queries;
        this.stream = stream;
        this.reports = reports;
        this.commands = commands;
        this.accessAudit = accessAudit;
        this.accounts = accounts;
    }

    @GetMapping("/reading")
    String worklist(@RequestParam(required = false) String modality,
                    @RequestParam(required = false) OrderPriority priority,
                    @RequestParam(required = false) ReportStatus status, Model model, HttpServletRequest request) {
        ReadingFilter filter = new ReadingFilter(modality, priority, status);
        model.addAttribute("filter", filter);
        model.addAttribute("priorities", OrderPriority.values());
        model.addAttribute("statuses", ReportStatus.values());
        rows(filter, model, request);
        return "reading/worklist";
    }

    @GetMapping("/reading/rows")
    String rows(@RequestParam(required = false) String modality,
                @RequestParam(required = false) OrderPriority priority,
                @RequestParam(required = false) ReportStatus status, Model model, HttpServletRequest request) {
        rows(new ReadingFilter(modality, priority, status), model, request);
        return "reading/worklist :: rows";
    }

    @GetMapping(path = "/reading/stream", produces = "text/event-stream")
    SseEmitter stream(@RequestParam(required = false) String modality,
                      @RequestParam(required = false) OrderPriority priority,
                      @RequestParam(required = false) ReportStatus status) {
        return stream.watch(new ReadingFilter(modality, priority, status));
    }

    private void rows(ReadingFilter filter, Model model, HttpServletRequest request) {
        List<ReadingWorklistItem> items = queries.query(filter.query(),
                ResponseTypes.multipleInstancesOf(ReadingWorklistItem.class)).join();
        model.addAttribute("items", items);
        accessAudit.viewedList(request, "reading-worklist", items.stream()
                .map(item -> AccessAudit.patient(item.patientId(), item.issuerOfPatientId())).toList());
    }

    @GetMapping("/reading/studies/{orderId}")
    String study(@PathVariable String orderId, Model model, HttpServletRequest request) {
        ReadingWorklistItem item = item(orderId);
        Optional<OrderView> order = queries.query(new FindOrderQuery(orderId),
                ResponseTypes.optionalInstanceOf(OrderView.class)).join();
        String reportId = reportId(item);
        model.addAttribute("item", item);
        model.addAttribute("order", order.orElse(null));
        model.addAttribute("report", reports.load(reportId));
        model.addAttribute("deliveries", reports.deliveries(reportId));
        accessAudit.viewed(request, "reading-study",
                AccessAudit.shown(AccessAudit.patient(item.patientId(), item.issuerOfPatientId())), orderId,
                item.accessionNumber(), item.studyInstanceUid(), reportId);
        return "reading/study";
    }

    /**
     * One form, several buttons: save the text (draft or revision), sign it preliminary or final
     * (saving a changed text first), or add an addendum to a final report.
     */
    @PostMapping("/reading/studies/{orderId}/report")
    String report(@PathVariable String orderId, @RequestParam String action,
                  @RequestParam(defaultValue = "") String text, @RequestParam(defaultValue = "") String addendum,
                  Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        ReadingWorklistItem item = item(orderId);
        String reportId = reportId(item);
        ReportHistory.Report report = reports.load(reportId);
        Actor actor = CurrentUser.actor(user, accounts.find(user.getName()).map(UserAccount::displayName)
                .orElse(user.getName()), Role.RADIOLOGIST);
        Optional<String> refused = switch (action) {
            case "save" -> save(item, reportId, report, actor, text, request);
            case "preliminary" -> save(item, reportId, report, actor, text, request)
                    .or(() -> commands.send(new SignReportPreliminaryCommand(reportId, actor), request));
            case "final" -> save(item, reportId, report, actor, text, request)
                    .or(() -> commands.send(new SignReportCommand(reportId, actor), request));
            case "addendum" -> addendum.isBlank() ? Optional.of("An addendum needs a text.")
                    : commands.send(new AddendReportCommand(reportId, actor, addendum.strip()), request);
            default -> Optional.of("Unknown action " + action);
        };
        refused.ifPresentOrElse(message -> redirect.addFlashAttribute("problem", message),
                () -> redirect.addFlashAttribute("done", switch (action) {
                    case "preliminary" -> "Report signed preliminary.";
                    case "final" -> "Report signed final.";
                    case "addendum" -> "Addendum added.";
                    default -> "Report saved.";
                }));
        return "redirect:/reading/studies/" + orderId;
    }

    private Optional<String> save(ReadingWorklistItem item, String reportId, ReportHistory.Report report, Actor actor,
                                  String text, HttpServletRequest request) {
        if (text.isBlank()) {
            return Optional.of("The report has no text.");
        }
        if ("NONE".equals(report.status())) {
            return commands.send(new DraftReportCommand(reportId, item.orderId(), item.studyInstanceUid(), actor,
                    text), request);
        }
        if (text.equals(report.text())) {
            return Optional.empty();
        }
        return commands.send(new ReviseReportCommand(reportId, actor, text), request);
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
