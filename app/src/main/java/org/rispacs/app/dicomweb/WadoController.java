package org.rispacs.app.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.service.query.ArchiveAnswers;
import org.rispacs.dicom.web.BulkDataUris;
import org.rispacs.dicom.web.ByteRange;
import org.rispacs.dicom.web.CoercedObjectWriter;
import org.rispacs.dicom.web.CurrentIdentity;
import org.rispacs.dicom.web.DicomJsonWriter;
import org.rispacs.dicom.web.IdentityCoercion;
import org.rispacs.dicom.web.MultipartRelated;
import org.rispacs.dicom.web.MultipartRelatedWriter;
import org.rispacs.dicom.web.Renderer;
import org.rispacs.dicom.web.StoredObject;
import org.rispacs.dicom.web.UnsupportedRenderingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * WADO-RS (PS3.18 10.4): studies, series and instances as stored (multipart/related
 * application/dicom), their metadata as DICOM JSON with Bulk Data URIs, frames and bulk data
 * streamed from the file, and rendered JPEG/PNG images. Everything served carries the study's
 * current patient identity and accession, the received values kept in Original Attributes
 * Sequence (IHE PIR); the files themselves never change.
 */
@RestController
@RequestMapping("/dicomweb/studies/{study}")
class WadoController {

    static final String MODIFYING_SYSTEM = "RIS-PACS";
    static final String COERCE = "COERCE";
    private static final int THUMBNAIL_SIZE = 128;

    private final ArchivedStudies studies;
    private final MetadataCache metadata;
    private final StudyViews views;

    WadoController(ArchivedStudies studies, MetadataCache metadata, StudyViews views) {
        this.studies = studies;
        this.metadata = metadata;
        this.views = views;
    }

    @GetMapping
    void study(@PathVariable String study, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
               HttpServletRequest request, HttpServletResponse response) throws IOException {
        retrieve(study, null, null, accept, request, response);
    }

    @GetMapping("/series/{series}")
    void series(@PathVariable String study, @PathVariable String series,
                @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        retrieve(study, series, null, accept, request, response);
    }

    @GetMapping("/series/{series}/instances/{instance}")
    void instance(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                  @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        retrieve(study, series, instance, accept, request, response);
    }

    @GetMapping("/metadata")
    void studyMetadata(@PathVariable String study,
                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        metadata(study, null, null, accept, request, response);
    }

    @GetMapping("/series/{series}/metadata")
    void seriesMetadata(@PathVariable String study, @PathVariable String series,
                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        metadata(study, series, null, accept, request, response);
    }

    @GetMapping("/series/{series}/instances/{instance}/metadata")
    void instanceMetadata(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                          HttpServletRequest request, HttpServletResponse response) throws IOException {
        metadata(study, series, instance, accept, request, response);
    }

    @GetMapping("/series/{series}/instances/{instance}/frames/{frames}")
    void frames(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                @PathVariable String frames, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                HttpServletRequest request, HttpServletResponse response) throws IOException {
        StoredObject object = StoredObject.open(one(study, series, instance, request));
        List<Integer> numbers = frameNumbers(frames, object.numberOfFrames());
        String partType = Negotiation.framePart(accept, object.transferSyntaxUid());
        List<List<ByteRange>> parts = new ArrayList<>();
        for (int number : numbers) {
            parts.add(object.frame(number));
        }
        writeParts(response, partType, parts, object);
    }

    @GetMapping("/series/{series}/instances/{instance}/bulkdata/{tag}")
    void bulkData(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                  @PathVariable String tag, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        int tagValue = parseTag(tag);
        Path file = one(study, series, instance, request);
        StoredObject object = StoredObject.open(file);
        if (tagValue == Tags.PixelData) {
            if (object.numberOfFrames() == 0) {
                throw DicomWebException.notFound("pixel data of instance " + instance);
            }
            String partType = Negotiation.framePart(accept, object.transferSyntaxUid());
            List<List<ByteRange>> parts = new ArrayList<>();
            if (object.encapsulated()) {
                for (int number = 1; number <= object.numberOfFrames(); number++) {
                    parts.add(object.frame(number));
                }
            } else {
                List<ByteRange> all = new ArrayList<>();
                for (int number = 1; number <= object.numberOfFrames(); number++) {
                    all.addAll(object.frame(number));
                }
                parts.add(all);
            }
            writeParts(response, partType, parts, object);
            return;
        }
        Negotiation.framePart(accept, Negotiation.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] value = fullHeader(file).getBytes(tagValue);
        if (value == null) {
            throw DicomWebException.notFound("bulk data " + tag + " of instance " + instance);
        }
        String boundary = MultipartRelated.newBoundary();
        response.setContentType("multipart/related; type=\"" + Negotiation.OCTET_STREAM + "\"; boundary=" + boundary);
        try (MultipartRelatedWriter parts = new MultipartRelatedWriter(response.getOutputStream(), boundary)) {
            OutputStream part = parts.startPart(Negotiation.OCTET_STREAM, Map.of());
            part.write(value);
            part.close();
        }
    }

    @GetMapping("/series/{series}/instances/{instance}/rendered")
    void rendered(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                  @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(study, series, instance, 1, null, accept, request, response);
    }

    @GetMapping("/series/{series}/instances/{instance}/frames/{frame:\\d+}/rendered")
    void renderedFrame(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                       @PathVariable int frame,
                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                       HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(study, series, instance, frame, null, accept, request, response);
    }

    @GetMapping("/series/{series}/instances/{instance}/thumbnail")
    void thumbnail(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                   @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                   HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(study, series, instance, 1, THUMBNAIL_SIZE, accept, request, response);
    }

    @GetMapping("/series/{series}/instances/{instance}/frames/{frame:\\d+}/thumbnail")
    void frameThumbnail(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
                        @PathVariable int frame,
                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                        HttpServletRequest request, HttpServletResponse response) throws IOException {
        render(study, series, instance, frame, THUMBNAIL_SIZE, accept, request, response);
    }

    /** The file of the instance the path names, its study's view recorded. */
    private Path one(String study, String series, String instance, HttpServletRequest request) {
        Path file = studies.file(study, series, instance);
        views.viewed(request, study, () -> studies.study(study));
        return file;
    }

    private void retrieve(String study, String series, String instance, String accept,
                          HttpServletRequest request, HttpServletResponse response) throws IOException {
        ArchivedStudy record = studies.study(study);
        List<StoredObject> objects = new ArrayList<>();
        for (Path file : studies.files(study, series, instance)) {
            objects.add(StoredObject.open(file));
        }
        Negotiation.requireDicomParts(accept,
                objects.stream().map(StoredObject::transferSyntaxUid).distinct().toList());
        views.viewed(request, study, () -> record);
        CurrentIdentity identity = ArchiveAnswers.servedIdentity(record);
        String boundary = MultipartRelated.newBoundary();
        response.setContentType("multipart/related; type=\"" + Negotiation.DICOM + "\"; boundary=" + boundary);
        try (MultipartRelatedWriter parts = new MultipartRelatedWriter(response.getOutputStream(), boundary)) {
            for (StoredObject object : objects) {
                OutputStream part = parts.startPart(Negotiation.DICOM + "; transfer-syntax="
                        + object.transferSyntaxUid(), Map.of());
                CoercedObjectWriter.write(object, identity, MODIFYING_SYSTEM, part);
                part.close();
            }
        }
    }

    private void metadata(String study, String series, String instance, String accept,
                          HttpServletRequest request, HttpServletResponse response) throws IOException {
        Negotiation.requireJson(accept);
        ArchivedStudy record = studies.study(study);
        List<Path> files = studies.files(study, series, instance);
        views.viewed(request, study, () -> record);
        CurrentIdentity identity = ArchiveAnswers.servedIdentity(record);
        String root = DicomWebRoot.of(request);
        List<byte[]> answers = new ArrayList<>(files.size());
        for (Path file : files) {
            answers.add(metadata.get(new MetadataCache.Key(file.toString(), identity, root),
                    () -> instanceMetadata(file, study, identity, root)));
        }
        response.setContentType(Negotiation.DICOM_JSON);
        OutputStream out = response.getOutputStream();
        out.write('[');
        for (int i = 0; i < answers.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(answers.get(i));
        }
        out.write(']');
    }

    private static byte[] instanceMetadata(Path file, String study, CurrentIdentity identity, String root)
            throws IOException {
        StoredObject object = StoredObject.open(file);
        Attributes served = IdentityCoercion.apply(object.header(), identity, MODIFYING_SYSTEM, COERCE,
                Instant.now());
        String instanceUrl = root + "/studies/" + study + "/series/" + ArchivedStudies.seriesOf(file)
                + "/instances/" + ArchivedStudies.instanceOf(file);
        BulkDataUris uris = path -> path.length == 1
                ? instanceUrl + "/bulkdata/" + HexFormat.of().withUpperCase().toHexDigits(path[0]) : null;
        byte[] json = DicomJsonWriter.toBytes(served, uris);
        List<String> members = new ArrayList<>();
        for (DicomReader.SkippedValue value : object.bulkValues()) {
            members.add(bulkDataMember(value.tag(), value.vr().name(), uris));
        }
        if (object.numberOfFrames() > 0) {
            String vr = object.pixelDataVr() == null ? "OB" : object.pixelDataVr().name();
            members.add(bulkDataMember(Tags.PixelData, vr, uris));
        }
        return withMembers(json, members);
    }

    private static String bulkDataMember(int tag, String vr, BulkDataUris uris) {
        return "\"" + HexFormat.of().withUpperCase().toHexDigits(tag) + "\":{\"vr\":\"" + vr
                + "\",\"BulkDataURI\":\"" + uris.uriFor(new int[] {tag}) + "\"}";
    }

    /**
     * Values the header was read without (pixel data, long bulk values) stay in the file; their
     * Bulk Data URIs are added here as members of the data set's JSON object.
     */
    private static byte[] withMembers(byte[] json, List<String> members) {
        if (members.isEmpty()) {
            return json;
        }
        int end = json.length - 1;
        while (end > 0 && json[end] != '}') {
            end--;
        }
        String head = new String(json, 0, end, StandardCharsets.UTF_8);
        String joined = String.join(",", members);
        return ((head.trim().endsWith("{") ? head : head + ",") + joined + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void render(String study, String series, String instance, int frame, Integer maxDimension,
                        String accept, HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mediaType = Negotiation.rendered(accept);
        StoredObject object = StoredObject.open(one(study, series, instance, request));
        if (frame < 1 || frame > object.numberOfFrames()) {
            throw DicomWebException.notFound("frame " + frame + " of instance " + instance + " (it has "
                    + object.numberOfFrames() + ")");
        }
        java.awt.image.BufferedImage image;
        try {
            image = Renderer.render(object, frame, maxDimension);
        } catch (UnsupportedRenderingException e) {
            throw new DicomWebException(HttpStatus.NOT_ACCEPTABLE, "cannot render this object: " + e.getMessage());
        }
        response.setContentType(mediaType);
        Renderer.encode(image, mediaType, response.getOutputStream());
    }

    private static void writeParts(HttpServletResponse response, String partType,
                                   List<List<ByteRange>> parts, StoredObject object) throws IOException {
        String boundary = MultipartRelated.newBoundary();
        String type = partType.substring(0, partType.indexOf(';'));
        response.setContentType("multipart/related; type=\"" + type + "\"; boundary=" + boundary);
        try (MultipartRelatedWriter writer = new MultipartRelatedWriter(response.getOutputStream(), boundary)) {
            for (List<ByteRange> ranges : parts) {
                OutputStream part = writer.startPart(partType, Map.of());
                object.copy(ranges, part);
                part.close();
            }
        }
    }

    /** Frame numbers of a frame list ("1,3,5"), each within the object's frames. */
    static List<Integer> frameNumbers(String frames, int numberOfFrames) {
        List<Integer> numbers = new ArrayList<>();
        for (String number : frames.split(",")) {
            int frame;
            try {
                frame = Integer.parseInt(number.trim());
            } catch (NumberFormatException e) {
                throw DicomWebException.badRequest("frame list " + frames + " is not a list of numbers");
            }
            if (frame < 1 || frame > numberOfFrames) {
                throw DicomWebException.notFound("frame " + frame + " (the instance has " + numberOfFrames
                        + " frames)");
            }
            numbers.add(frame);
        }
        return numbers;
    }

    private static int parseTag(String tag) {
        if (!tag.matches("[0-9A-Fa-f]{8}")) {
            throw DicomWebException.badRequest("bulk data is named by an 8-digit tag, not " + tag);
        }
        return Integer.parseUnsignedInt(tag, 16);
    }

    /** The data set before pixel data with every value, long ones included, to serve one as bulk data. */
    private static Attributes fullHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            reader.readFileMetaInformation();
            return reader.readDataset(Tags.PixelData);
        }
    }
}
