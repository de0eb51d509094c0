package org.rispacs.app.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.archive.InstanceMismatchException;
import org.rispacs.dicom.archive.SopClassMismatchException;
import org.rispacs.dicom.archive.StoredInstance;
import org.rispacs.dicom.bridge.InstancesReceivedBridge;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.service.storage.StorageService;
import org.rispacs.dicom.web.BulkDataUris;
import org.rispacs.dicom.web.DicomJsonWriter;
import org.rispacs.dicom.web.MalformedMultipartException;
import org.rispacs.dicom.web.MultipartRelated;
import org.rispacs.dicom.web.MultipartRelatedReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * STOW-RS (PS3.18 10.5): stores the instances of a multipart/related application/dicom body
 * through the same durable archive path as C-STORE, recorded as the same events, so they are
 * matched to orders the same way. The body is received whole before anything is kept: a body
 * whose framing breaks is refused (400) with nothing stored. Then each instance is kept or
 * refused on its own; the answer lists both (200 all kept, 202 some, 409 none).
 */
@RestController
@RequestMapping("/dicomweb/studies")
class StowController {

    static final String SENDER = "STOW-RS";
    private static final Logger log = LoggerFactory.getLogger(StowController.class);
    private static final int PROCESSING_FAILURE = 0x0110;
    private static final int SOP_CLASS_NOT_SUPPORTED = 0x0122;
    private static final int OUT_OF_RESOURCES = 0xA700;
    private static final int DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    private static final int CANNOT_UNDERSTAND = 0xC000;
    private static final int TRANSFER_SYNTAX_NOT_SUPPORTED = 0xC122;

    private final Archive archive;
    private final InstancesReceivedBridge bridge;

    StowController(Archive archive, InstancesReceivedBridge bridge) {
        this.archive = archive;
        this.bridge = bridge;
    }

    @PostMapping
    void store(@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
               @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        store(null, contentType, accept, request, response);
    }

    @PostMapping("/{study}")
    void storeIntoStudy(@PathVariable String study,
                        @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        store(study, contentType, accept, request, response);
    }

    /** One part of the body: received into the archive's journal, or refused with a reason. */
    private record Received(String sopClassUid, String sopInstanceUid, Archive.Incoming incoming, int failure) {
    }

    /** One instance's outcome. */
    private record Outcome(String sopClassUid, String sopInstanceUid, StoredInstance stored, int failure) {
    }

    private void store(String study, String contentType, String accept, HttpServletRequest request,
                       HttpServletResponse response) throws IOException {
        Negotiation.requireJson(accept);
        String boundary = checkBody(contentType);
        List<Received> received = receive(request.getInputStream(), boundary);
        if (received.isEmpty()) {
            throw DicomWebException.badRequest("the body holds no instance");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Received part : received) {
            outcomes.add(keep(part, study));
        }
        List<StoredInstance> stored = outcomes.stream().map(Outcome::stored).filter(s -> s != null).toList();
        if (!stored.isEmpty() && !bridge.recordStored("stow-" + UUID.randomUUID(), SENDER, stored, audit(request))) {
            log.warn("STOW-RS: instances kept in the archive but not yet recorded; the next start records them");
        }
        long kept = outcomes.stream().filter(o -> o.stored() != null).count();
        HttpStatus status = kept == outcomes.size() ? HttpStatus.OK : kept == 0 ? HttpStatus.CONFLICT
                : HttpStatus.ACCEPTED;
        response.setStatus(status.value());
        response.setContentType(Negotiation.DICOM_JSON);
        try (DicomJsonWriter json = new DicomJsonWriter(response.getOutputStream())) {
            json.write(answer(outcomes, study, DicomWebRoot.of(request)), BulkDataUris.inline());
        }
    }

    /** The boundary of a multipart/related body of application/dicom parts; 415 for any other body. */
    private static String checkBody(String contentType) {
        MediaRange body = contentType == null ? null : MediaRange.parse(contentType);
        if (body == null || !body.mediaType().equals("multipart/related")
                || (body.partType() != null && !body.partType().equals(Negotiation.DICOM))) {
            throw new DicomWebException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "STOW-RS takes multipart/related; "
                    + "type=\"application/dicom\", not " + contentType);
        }
        try {
            return MultipartRelated.boundaryOf(contentType);
        } catch (IllegalArgumentException e) {
            throw DicomWebException.badRequest("the Content-Type names no multipart boundary: " + contentType);
        }
    }

    /** Reads every part into the journal; if the body breaks anywhere, drops them all. */
    private List<Received> receive(InputStream body, String boundary) throws IOException {
        List<Received> received = new ArrayList<>();
        try (MultipartRelatedReader parts = new MultipartRelatedReader(body, boundary)) {
            for (Optional<MultipartRelatedReader.Part> part = parts.next(); part.isPresent(); part = parts.next()) {
                received.add(receive(part.get()));
                part.get().body().transferTo(OutputStream.nullOutputStream());
            }
        } catch (MalformedMultipartException e) {
            abandon(received);
            throw DicomWebException.badRequest("malformed multipart body, nothing was stored: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            abandon(received);
            throw e;
        }
        return received;
    }

    private Received receive(MultipartRelatedReader.Part part) throws IOException {
        String type = part.headers().get("content-type");
        if (type != null && !MediaRange.parse(type).mediaType().equals(Negotiation.DICOM)) {
            throw new DicomWebException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "a part is " + type + "; STOW-RS here takes application/dicom parts only");
        }
        DicomReader reader = new DicomReader(part.body());
        Attributes meta;
        try {
            meta = reader.readFileMetaInformation();
        } catch (DicomFormatException e) {
            return new Received(null, null, null, CANNOT_UNDERSTAND);
        }
        String sopClass = meta.getString(Tags.MediaStorageSOPClassUID);
        String sopInstance = meta.getString(Tags.MediaStorageSOPInstanceUID);
        String syntax = meta.getString(Tags.TransferSyntaxUID);
        if (sopClass == null || sopInstance == null) {
            return new Received(sopClass, sopInstance, null, CANNOT_UNDERSTAND);
        }
        if (!StorageService.isStorageClass(sopClass)) {
            return new Received(sopClass, sopInstance, null, SOP_CLASS_NOT_SUPPORTED);
        }
        if (TransferSyntax.forUid(syntax).isEmpty()) {
            return new Received(sopClass, sopInstance, null, TRANSFER_SYNTAX_NOT_SUPPORTED);
        }
        Archive.Incoming incoming;
        try {
            incoming = archive.begin(sopClass, sopInstance, syntax, SENDER);
        } catch (IOException e) {
            return new Received(sopClass, sopInstance, null, CANNOT_UNDERSTAND);
        }
        try {
            byte[] buffer = new byte[64 * 1024];
            InputStream dataset = reader.inputStream();
            for (int read; (read = dataset.read(buffer)) > 0; ) {
                incoming.write(buffer, 0, read);
            }
        } catch (IOException | RuntimeException e) {
            incoming.abandon();
            throw e;
        }
        return new Received(sopClass, sopInstance, incoming, 0);
    }

    private Outcome keep(Received part, String study) {
        if (part.incoming() == null) {
            return new Outcome(part.sopClassUid(), part.sopInstanceUid(), null, part.failure());
        }
        try {
            StoredInstance stored = part.incoming().commit(header -> {
                if (study != null && !study.equals(header.getString(Tags.StudyInstanceUID))) {
                    throw new DicomFormatException("the instance belongs to study "
                            + header.getString(Tags.StudyInstanceUID) + ", not " + study);
                }
            });
            return new Outcome(part.sopClassUid(), part.sopInstanceUid(), stored, 0);
        } catch (SopClassMismatchException e) {
            return failed(part, DOES_NOT_MATCH_SOP_CLASS, e);
        } catch (InstanceMismatchException | DicomFormatException e) {
            return failed(part, CANNOT_UNDERSTAND, e);
        } catch (IOException e) {
            log.error("STOW-RS: storing {} failed", part.sopInstanceUid(), e);
            return failed(part, OUT_OF_RESOURCES, e);
        } catch (RuntimeException e) {
            log.error("STOW-RS: storing {} failed", part.sopInstanceUid(), e);
            return failed(part, PROCESSING_FAILURE, e);
        }
    }

    private static Outcome failed(Received part, int reason, Exception e) {
        log.warn("STOW-RS: refused {} (0x{}): {}", part.sopInstanceUid(), Integer.toHexString(reason), e.getMessage());
        return new Outcome(part.sopClassUid(), part.sopInstanceUid(), null, reason);
    }

    private static void abandon(List<Received> received) {
        received.stream().filter(r -> r.incoming() != null).forEach(r -> r.incoming().abandon());
    }

    /** The Store Instances Response (PS3.18 Table 10.5.3-2). */
    private static Attributes answer(List<Outcome> outcomes, String study, String root) {
        Attributes answer = new Attributes();
        if (study != null) {
            answer.setString(Tags.RetrieveURL, VR.UR, root + "/studies/" + study);
        }
        var referenced = outcomes.stream().anyMatch(o -> o.stored() != null)
                ? answer.newSequence(Tags.ReferencedSOPSequence) : null;
        var failed = outcomes.stream().anyMatch(o -> o.stored() == null)
                ? answer.newSequence(Tags.FailedSOPSequence) : null;
        for (Outcome outcome : outcomes) {
            Attributes item = outcome.stored() != null ? referenced.addNewItem() : failed.addNewItem();
            if (outcome.sopClassUid() != null) {
                item.setString(Tags.ReferencedSOPClassUID, VR.UI, outcome.sopClassUid());
            }
            if (outcome.sopInstanceUid() != null) {
                item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, outcome.sopInstanceUid());
            }
            if (outcome.stored() != null) {
                Attributes header = outcome.stored().header();
                item.setString(Tags.RetrieveURL, VR.UR, root + "/studies/"
                        + header.getString(Tags.StudyInstanceUID) + "/series/"
                        + header.getString(Tags.SeriesInstanceUID) + "/instances/" + outcome.sopInstanceUid());
            } else {
                item.setInt(Tags.FailureReason, VR.US, outcome.failure());
            }
        }
        return answer;
    }

    private static Map<String, String> audit(HttpServletRequest request) {
        String user = request.getRemoteUser();
        return Map.of(
                AuditMetadata.ACTOR, user != null ? user : "anonymous",
                AuditMetadata.CHANNEL, "dicomweb",
                AuditMetadata.SOURCE, "STOW-RS " + request.getRequestURI() + " from " + request.getRemoteAddr());
    }
}
