package org.rispacs.app.dicomweb;

import java.io.IOException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.ArchiveMatch;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.app.web.AccessAudit;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.service.query.ArchiveAnswers;
import org.rispacs.dicom.service.query.ArchiveSearch;
import org.rispacs.dicom.web.BulkDataUris;
import org.rispacs.dicom.web.DicomJsonWriter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * QIDO-RS (PS3.18 10.6): searches for studies, series and instances, answered from the archive's
 * read model (never by opening files) as {@code application/dicom+json}, with the current patient
 * identity and accession of each study. An answer cut by the limit says so in a Warning header.
 */
@RestController
@RequestMapping("/dicomweb")
class QidoController {

    private final ArchiveSearch search;
    private final StudyViews views;

    QidoController(ArchiveSearch search, StudyViews views) {
        this.search = search;
        this.views = views;
    }

    @GetMapping("/studies")
    void studies(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                 HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(ArchiveLevel.STUDY, null, null, accept, request, response);
    }

    @GetMapping("/series")
    void series(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(ArchiveLevel.SERIES, null, null, accept, request, response);
    }

    @GetMapping("/instances")
    void instances(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                   HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(ArchiveLevel.INSTANCE, null, null, accept, request, response);
    }

    @GetMapping("/studies/{study}/series")
    void seriesOfStudy(@PathVariable String study,
                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(ArchiveLevel.SERIES, study, null, accept, request, response);
    }

    @GetMapping("/studies/{study}/instances")
    void instancesOfStudy(@PathVariable String study,
                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                          HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(ArchiveLevel.INSTANCE, study, null, accept, request, response);
    }

    @GetMapping("/studies/{study}/series/{series}/instances")
    void instancesOfSeries(@PathVariable String study, @PathVariable String series,
                           @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                           HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(ArchiveLevel.INSTANCE, study, series, accept, request, response);
    }

    private void search(ArchiveLevel level, String study, String series, String accept,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        Negotiation.requireJson(accept);
        SearchArchiveQuery query = QidoParameters.parse(level, study, series, request.getParameterMap());
        ArchiveSearchResult result = search(query);
        views.found(request, result.matches().stream().map(QidoController::patientOf).toList());
        response.setContentType(Negotiation.DICOM_JSON);
        if (result.more()) {
            response.setHeader(HttpHeaders.WARNING, "299 " + request.getServerName()
                    + ": \"There are more results than the limit of " + query.limit()
                    + "; ask again with offset " + (query.offset() + query.limit()) + "\"");
        }
        String root = DicomWebRoot.of(request);
        try (DicomJsonWriter json = new DicomJsonWriter(response.getOutputStream())) {
            json.startArray();
            for (ArchiveMatch match : result.matches()) {
                json.write(answer(match, root), BulkDataUris.inline());
            }
            json.endArray();
        }
    }

    /** The archive's answer with the Retrieve URL of its study, series or instance. */
    private static Attributes answer(ArchiveMatch match, String root) {
        Attributes answer = ArchiveAnswers.answer(match);
        String url = root + "/studies/" + match.study().studyInstanceUid();
        if (match.series() != null) {
            url += "/series/" + match.series().seriesInstanceUid();
        }
        if (match.instance() != null) {
            url += "/instances/" + match.instance().sopInstanceUid();
        }
        answer.setString(Tags.RetrieveURL, VR.UR, url);
        return answer;
    }

    private ArchiveSearchResult search(SearchArchiveQuery query) {
        try {
            return search.search(query);
        } catch (IllegalArgumentException refused) {
            throw DicomWebException.badRequest(refused.getMessage());
        }
    }

    private static PatientIdentifier patientOf(ArchiveMatch match) {
        ArchivedIdentity identity = match.study().current();
        return identity == null ? null : AccessAudit.patient(identity.patientId(), identity.issuerOfPatientId());
    }
}
