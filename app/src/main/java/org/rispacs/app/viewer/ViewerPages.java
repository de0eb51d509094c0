package org.rispacs.app.viewer;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.archive.ArchivedStudyContents;
import org.rispacs.api.archive.FindArchivedStudyQuery;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.app.web.AccessAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The viewer's entry points the application answers itself: its configuration (our DICOMweb
 * service as its only data source), and its viewer route, which records who opened which study
 * before the page loads.
 */
@Controller
class ViewerPages {

    private static final Logger LOG = LoggerFactory.getLogger(ViewerPages.class);
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    /** More studies than a screen can show side by side is not a request a viewer makes. */
    private static final int MOST_STUDIES = 16;

    private final ResourceLoader resources;
    private final QueryGateway queries;
    private final AccessAudit accessAudit;

    ViewerPages(ResourceLoader resources, QueryGateway queries, AccessAudit accessAudit) {
        this.resources = resources;
        this.queries = queries;
        this.accessAudit = accessAudit;
    }

    @GetMapping("/viewer")
    String root() {
        return "redirect:/viewer/";
    }

    /** The viewer's start page (its study list); the resource handler serves no empty path. */
    @GetMapping("/viewer/")
    ResponseEntity<String> start() {
        return page(ViewerResources.LOCATION + "index.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/viewer/app-config.js")
    ResponseEntity<String> configuration() {
        return page("classpath:/viewer/app-config.js", MediaType.valueOf("text/javascript"));
    }

    /** OHIF's viewer route: each study it is asked to show is recorded as viewed, then its page loads. */
    @GetMapping({"/viewer/viewer", "/viewer/viewer/{dataSource}"})
    ResponseEntity<String> viewer(@RequestParam(name = "StudyInstanceUIDs", required = false) List<String> studies,
                                  HttpServletRequest request) {
        List<String> uids = studies == null ? List.of() : studies.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(uid -> !uid.isEmpty()).distinct().toList();
        if (uids.size() > MOST_STUDIES || !uids.stream().allMatch(uid -> uid.length() <= 64
                && UID.matcher(uid).matches())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "StudyInstanceUIDs: at most " + MOST_STUDIES
                    + " study instance UIDs separated by commas");
        }
        for (String uid : uids) {
            PatientIdentifier patient = patientOf(uid);
            accessAudit.viewed(request, "viewer", AccessAudit.shown(patient), null, null, uid, null);
        }
        return page(ViewerResources.LOCATION + "index.html", MediaType.TEXT_HTML);
    }

    private PatientIdentifier patientOf(String studyInstanceUid) {
        try {
            ArchivedStudyContents found = queries.query(new FindArchivedStudyQuery(studyInstanceUid),
                    ResponseTypes.instanceOf(ArchivedStudyContents.class)).join();
            return found == null || found.study().current() == null ? null
                    : AccessAudit.patient(found.study().current().patientId(),
                    found.study().current().issuerOfPatientId());
        } catch (RuntimeException unanswered) {
            // the study is still recorded as viewed, by its UID, when the archive cannot name its patient
            LOG.warn("The archive did not name the patient of study {}: {}", studyInstanceUid,
                    unanswered.toString());
            return null;
        }
    }

    private ResponseEntity<String> page(String location, MediaType type) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the viewer is not part of this build");
        }
        try {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(type)
                    .body(resource.getContentAsString(StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new IllegalStateException("cannot read " + location, unreadable);
        }
    }
}
