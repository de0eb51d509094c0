package org.rispacs.app.worklist;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.OrderView;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.worklist.FindModalityWorklistQuery;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.app.web.AccessAudit;
import org.rispacs.app.web.WebCommands;
import org.rispacs.app.web.WebPage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Technologists and schedulers: a day's worklist per modality and room, (re)scheduling, orders by accession. */
@Controller
class SchedulingPages implements WebPage {

    private static final int MAX_ITEMS = 500;

    private final QueryGateway queries;
    private final WebCommands commands;
    private final AccessAudit accessAudit;

    SchedulingPages(QueryGateway queries, WebCommands commands, AccessAudit accessAudit) {
        this.queries = queries;
        this.commands = commands;
        this.accessAudit = accessAudit;
    }

    @GetMapping("/scheduling")
    String worklist(@RequestParam(required = false) String modality, @RequestParam(required = false) String station,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
                    @RequestParam(required = false) String accession, Model model, HttpServletRequest request) {
        LocalDate shown = day != null ? day : LocalDate.now();
        String modalityFilter = blankToNull(modality);
        String stationFilter = blankToNull(station);
        WorklistCriteria criteria = new WorklistCriteria(null, null, null, null, modalityFilter, stationFilter,
                shown.atStartOfDay(), shown.atTime(LocalTime.MAX), null, null, "SCHEDULED\\STARTED\\COMPLETED");
        List<ModalityWorklistItem> items = queries.query(new FindModalityWorklistQuery(criteria, MAX_ITEMS),
                ResponseTypes.multipleInstancesOf(ModalityWorklistItem.class)).join();
        Map<String, List<ModalityWorklistItem>> byRoom = items.stream().collect(Collectors.groupingBy(
                item -> item.modality() + " · " + (item.scheduledStationAeTitle() == null ? "unassigned"
                        : item.scheduledStationAeTitle()), TreeMap::new, Collectors.toList()));
        model.addAttribute("day", shown);
        model.addAttribute("modality", modalityFilter);
        model.addAttribute("station", stationFilter);
        model.addAttribute("rooms", byRoom);
        model.addAttribute("accession", accession);
        Optional<OrderView> order = Optional.empty();
        if (accession != null && !accession.isBlank()) {
            try {
                order = queries.query(new FindOrderByAccessionQuery(accession),
                        ResponseTypes.optionalInstanceOf(OrderView.class)).join();
            } catch (RuntimeException notAnAccession) {
                model.addAttribute("problem", "Not an accession number: " + accession);
            }
        }
        model.addAttribute("order", order.orElse(null));
        List<PatientIdentifier> shownPatients = new ArrayList<>(items.stream()
                .map(item -> AccessAudit.patient(item.patientId(), item.issuerOfPatientId())).toList());
        order.ifPresent(found -> shownPatients.add(AccessAudit.patient(found.patientId(), found.patientIdIssuer())));
        accessAudit.viewedList(request, "scheduling-worklist", shownPatients);
        return "scheduling/worklist";
    }

    /** Schedules the order's procedure step, or moves it to another time or room. */
    @PostMapping("/scheduling/orders/{orderId}/schedule")
    String schedule(@PathVariable String orderId,
                    @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime start,
                    @RequestParam String stationAeTitle, @RequestParam(defaultValue = "") String location,
                    HttpServletRequest request, RedirectAttributes redirect) {
        Optional<String> refused = commands.send(new ScheduleProcedureCommand(orderId, start,
                stationAeTitle.strip(), null, blankToNull(location)), request);
        refused.ifPresentOrElse(message -> redirect.addFlashAttribute("problem", message),
                () -> redirect.addFlashAttribute("done", "Scheduled for " + start + " on " + stationAeTitle + "."));
        redirect.addAttribute("day", start.toLocalDate().toString());
        return "redirect:/scheduling";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
