package org.rispacs.app.dicomweb;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What each DICOMweb resource can answer with, chosen from the client's Accept header. Objects,
 * frames and bulk data are served in the transfer syntax they were stored in (no transcoding): a
 * client asking for another syntax than the stored one is told so (406) instead of getting a
 * different encoding than it asked for.
 */
final class Negotiation {

    static final String DICOM_JSON = "application/dicom+json";
    static final String DICOM = "application/dicom";
    static final String OCTET_STREAM = "application/octet-stream";
    static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final String MULTIPART = "multipart/related";

    /** The image media type of an encapsulated transfer syntax's frames (PS3.18 Table 8.7.3-5). */
    private static final Map<String, String> FRAME_MEDIA_TYPES = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.51", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.57", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.70", "image/jpeg"),
            Map.entry("1.2.840.10008.1.2.4.80", "image/jls"),
            Map.entry("1.2.840.10008.1.2.4.81", "image/jls"),
            Map.entry("1.2.840.10008.1.2.4.90", "image/jp2"),
            Map.entry("1.2.840.10008.1.2.4.91", "image/jp2"),
            Map.entry("1.2.840.10008.1.2.4.92", "image/jpx"),
            Map.entry("1.2.840.10008.1.2.4.93", "image/jpx"),
            Map.entry("1.2.840.10008.1.2.5", "image/dicom-rle"));

    private Negotiation() {
    }

    /** QIDO answers, metadata and STOW responses: DICOM JSON (the XML form is not offered). */
    static void requireJson(String accept) {
        for (MediaRange range : MediaRange.parseAccept(accept)) {
            if (!range.refused() && (range.admits(DICOM_JSON) || range.admits("application/json"))) {
                return;
            }
        }
        throw DicomWebException.notAcceptable(accept, DICOM_JSON);
    }

    /**
     * Objects as multipart/related application/dicom, each in its stored transfer syntax: accepted
     * unless the client names a syntax some of them are not stored in.
     */
    static void requireDicomParts(String accept, Collection<String> storedSyntaxes) {
        for (MediaRange range : MediaRange.parseAccept(accept)) {
            if (range.refused()) {
                continue;
            }
            if (range.isWildcard() && range.admits(MULTIPART)) {
                return;
            }
            boolean dicomParts = range.mediaType().equals(MULTIPART)
                    && (range.partType() == null || range.partType().equals(DICOM));
            String syntax = range.transferSyntax();
            if (dicomParts && (syntax == null || syntax.equals("*")
                    || storedSyntaxes.stream().allMatch(syntax::equals))) {
                return;
            }
        }
        throw DicomWebException.notAcceptable(accept, "multipart/related; type=\"application/dicom\"; "
                + "transfer-syntax=* (objects are served as stored, in " + String.join(", ", storedSyntaxes) + ")");
    }

    /**
     * The Content-Type of each frame part of an object stored in {@code storedSyntax}: its image
     * media type if encapsulated, else octet-stream; with the stored syntax as parameter.
     */
    static String framePart(String accept, String storedSyntax) {
        String imageType = FRAME_MEDIA_TYPES.get(storedSyntax);
        boolean littleEndianNative = storedSyntax.equals(EXPLICIT_VR_LITTLE_ENDIAN)
                || storedSyntax.equals(IMPLICIT_VR_LITTLE_ENDIAN);
        for (MediaRange range : MediaRange.parseAccept(accept)) {
            if (range.refused()) {
                continue;
            }
            Optional<String> part = framePart(range, storedSyntax, imageType, littleEndianNative);
            if (part.isPresent()) {
                return part.get();
            }
        }
        String offered = imageType == null ? OCTET_STREAM : imageType + " or " + OCTET_STREAM + "; transfer-syntax=*";
        throw DicomWebException.notAcceptable(accept, "multipart/related; type=\"" + offered + "\"");
    }

    private static Optional<String> framePart(MediaRange range, String storedSyntax, String imageType,
                                              boolean littleEndianNative) {
        String nativeType = OCTET_STREAM + "; transfer-syntax="
                + (littleEndianNative ? EXPLICIT_VR_LITTLE_ENDIAN : storedSyntax);
        String storedType = (imageType == null ? OCTET_STREAM : imageType) + "; transfer-syntax=" + storedSyntax;
        if (range.isWildcard() && range.admits(MULTIPART)) {
            return Optional.of(imageType == null ? nativeType : storedType);
        }
        if (!range.mediaType().equals(MULTIPART)) {
            return Optional.empty();
        }
        String type = range.partType() == null ? OCTET_STREAM : range.partType();
        String syntax = range.transferSyntax();
        boolean anySyntax = "*".equals(syntax);
        if (type.equals(OCTET_STREAM)) {
            if (anySyntax || storedSyntax.equals(syntax)) {
                return Optional.of(imageType == null ? nativeType : storedType);
            }
            // without a syntax, octet-stream means native little endian (PS3.18 8.7.3.5.2)
            boolean explicitLittleEndian = syntax == null || syntax.equals(EXPLICIT_VR_LITTLE_ENDIAN);
            return explicitLittleEndian && littleEndianNative ? Optional.of(nativeType) : Optional.empty();
        }
        boolean syntaxAdmitted = syntax == null || anySyntax || storedSyntax.equals(syntax);
        if (imageType != null && type.equals(imageType) && syntaxAdmitted) {
            return Optional.of(storedType);
        }
        return Optional.empty();
    }

    /** A rendered image's media type: JPEG unless PNG is asked for. */
    static String rendered(String accept) {
        for (MediaRange range : MediaRange.parseAccept(accept)) {
            if (range.refused()) {
                continue;
            }
            if (range.mediaType().equals("image/png")) {
                return "image/png";
            }
            if (range.admits("image/jpeg")) {
                return "image/jpeg";
            }
        }
        throw DicomWebException.notAcceptable(accept, "image/jpeg, image/png");
    }
}
