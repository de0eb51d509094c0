package org.rispacs.app.smart;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.order.FindOrderByAccessionQuery;
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
 * on the study in context, else the reading page of the order in context, else the start page.
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
            return "redirect:" + ViewerLinks.study(context.imagingStudy());
        }
        if (context.serviceRequest() != null) {
            return "redirect:/reading/studies/" + encode(context.serviceRequest());
        }
        if (context.accession() != null) {
            Optional<OrderView> order = queries.query(new FindOrderByAccessionQuery(context.accession()),
                    ResponseTypes.optionalInstanceOf(OrderView.class)).join();
            if (order.isEmpty()) {
                return refusal(response, model, HttpStatus.NOT_FOUND, "The EHR launched us for the accession "
                        + context.accession() + ", which no order holds.");
            }
            return "redirect:/reading/studies/" + encode(order.get().orderId());
        }
        return "redirect:/";
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
