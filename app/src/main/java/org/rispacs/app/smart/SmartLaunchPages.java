package org.rispacs.app.smart;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.archive.ArchivedStudyContents;
import org.rispacs.api.archive.FindArchivedStudyQuery;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.order.FindOrderByAccessionQuery;
import org.rispacs.api.order.FindOrderQuery;
import org.rispacs.api.order.OrderView;
import org.rispacs.app.security.SmartLaunchContext;
import org.rispacs.app.viewer.ViewerLinks;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages of a SMART EHR launch around the sign-in Spring's OAuth2 client performs: the refusal
 * of a launch that cannot go on, and, once signed in, the page the EHR launched us for: the viewer
 * on the study in context, else the reading page of the order in context, else the start page;
 * nothing when the EHR's patient in context is not the patient of that study or order.
 */
@Controller
class SmartLaunchPages {

    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final QueryGateway queries;

    SmartLaunchPages(QueryGateway queries) {
        this.queries = queries;
    }

    /** Reached only when the launch was not sent on to the EHR's authorization server. */
    @GetMapping("/smart/launch")
    String refused(HttpServletRequest request, HttpServletResponse response, Model model) {
        Object reason = request.getAttribute(SmartLaunchContext.REFUSAL);
        return refusal(response, model, HttpStatus.BAD_REQUEST,
                reason != null ? reason.toString() : "This is not a launch this application accepts.");
    }

    @GetMapping("/smart/open")
    String open(Authentication user, HttpServletResponse response, Model model) {
        Optional<SmartLaunchContext> launched = SmartLaunchContext.of(user);
        if (launched.isEmpty()) {
            return "redirect:/";
        }
        SmartLaunchContext context = launched.get();
        if (context.imagingStudy() != null) {
            if (context.imagingStudy().length() > 64 || !UID.matcher(context.imagingStudy()).matches()) {
                return refusal(response, model, HttpStatus.BAD_REQUEST, "The EHR launched us for the study "
                        + context.imagingStudy() + ", which is not a Study Instance UID.");
            }
            if (!samePatient(context, patientOfStudy(context.imagingStudy()))) {
                return otherPatient(response, model, context, "study " + context.imagingStudy());
            }
            return "redirect:" + ViewerLinks.study(context.imagingStudy());
        }
        Optional<OrderView> order = Optional.empty();
        if (context.serviceRequest() != null) {
            order = queries.query(new FindOrderQuery(context.serviceRequest()),
                    ResponseTypes.optionalInstanceOf(OrderView.class)).join();
        } else if (context.accession() != null) {
            order = queries.query(new FindOrderByAccessionQuery(context.accession()),
                    ResponseTypes.optionalInstanceOf(OrderView.class)).join();
        } else {
            return "redirect:/";
        }
        if (order.isEmpty()) {
            return refusal(response, model, HttpStatus.NOT_FOUND, "The EHR launched us for the order "
                    + (context.serviceRequest() != null ? context.serviceRequest() : "with accession "
                    + context.accession()) + ", which we do not hold.");
        }
        OrderView found = order.get();
        if (!samePatient(context, identifier(found.patientId(), found.patientIdIssuer()))) {
            return otherPatient(response, model, context, "order " + found.accessionNumber());
        }
        return "redirect:/reading/studies/" + encode(found.orderId());
    }

    /**
     * The patient in the EHR's context, when it names one, must be the patient of what we would
     * open: a launch that mixes two patients opens nothing rather than the wrong images.
     */
    private static boolean samePatient(SmartLaunchContext context, PatientIdentifier ours) {
        return context.patient() == null || ours == null || FhirPatientIds.of(ours).equals(context.patient());
    }

    /** The patient of an archived study; none for a study we do not hold or whose patient we cannot name. */
    private PatientIdentifier patientOfStudy(String studyInstanceUid) {
        ArchivedStudyContents found = queries.query(new FindArchivedStudyQuery(studyInstanceUid),
                ResponseTypes.instanceOf(ArchivedStudyContents.class)).join();
        return found == null || found.study().current() == null ? null
                : identifier(found.study().current().patientId(), found.study().current().issuerOfPatientId());
    }

    private static PatientIdentifier identifier(String id, String issuer) {
        return id == null || id.isBlank() || issuer == null || issuer.isBlank() ? null
                : new PatientIdentifier(id, issuer);
    }

    private static String otherPatient(HttpServletResponse response, Model model, SmartLaunchContext context,
                                       String what) {
        return refusal(response, model, HttpStatus.CONFLICT, "The EHR's patient in context (Patient/"
                + context.patient() + ") is not the patient of the " + what + "; nothing was opened.");
    }

    private static String refusal(HttpServletResponse response, Model model, HttpStatus status, String reason) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("reason", reason);
        return "smart/refused";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
