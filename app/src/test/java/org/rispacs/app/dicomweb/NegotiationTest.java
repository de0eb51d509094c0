package org.rispacs.app.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** What each resource answers with, for the Accept headers real DICOMweb clients send. */
class NegotiationTest {

    private static final String EXPLICIT = "1.2.840.10008.1.2.1";
    private static final String IMPLICIT = "1.2.840.10008.1.2";
    private static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.70";

    @Test
    void ohifsFrameRequestGetsTheStoredSyntaxWhateverItIs() {
        String ohif = "multipart/related; type=application/octet-stream; transfer-syntax=*";
        assertThat(Negotiation.framePart(ohif, EXPLICIT)).isEqualTo("application/octet-stream; transfer-syntax="
                + EXPLICIT);
        assertThat(Negotiation.framePart(ohif, IMPLICIT)).isEqualTo("application/octet-stream; transfer-syntax="
                + EXPLICIT);
        assertThat(Negotiation.framePart(ohif, JPEG_LOSSLESS)).isEqualTo("image/jpeg; transfer-syntax="
                + JPEG_LOSSLESS);
    }

    @Test
    void octetStreamWithoutASyntaxIsNativeLittleEndianOnly() {
        String plain = "multipart/related; type=\"application/octet-stream\"";
        assertThat(Negotiation.framePart(plain, IMPLICIT)).contains(EXPLICIT);
        assertRefused(() -> Negotiation.framePart(plain, JPEG_LOSSLESS), HttpStatus.NOT_ACCEPTABLE);
        assertThat(Negotiation.framePart("multipart/related; type=\"image/jpeg\"", JPEG_LOSSLESS))
                .startsWith("image/jpeg");
        assertRefused(() -> Negotiation.framePart("multipart/related; type=\"image/jp2\"", JPEG_LOSSLESS),
                HttpStatus.NOT_ACCEPTABLE);
    }

    @Test
    void objectsAreServedAsStoredUnlessAnotherSyntaxIsNamed() {
        Negotiation.requireDicomParts("multipart/related; type=\"application/dicom\"; transfer-syntax=*",
                List.of(EXPLICIT, JPEG_LOSSLESS));
        Negotiation.requireDicomParts("*/*", List.of(JPEG_LOSSLESS));
        Negotiation.requireDicomParts("multipart/related; type=\"application/dicom\"", List.of(JPEG_LOSSLESS));
        Negotiation.requireDicomParts("multipart/related; type=\"application/dicom\"; transfer-syntax="
                + JPEG_LOSSLESS, List.of(JPEG_LOSSLESS));
        assertRefused(() -> Negotiation.requireDicomParts("multipart/related; type=\"application/dicom\"; "
                + "transfer-syntax=" + EXPLICIT, List.of(EXPLICIT, JPEG_LOSSLESS)), HttpStatus.NOT_ACCEPTABLE);
        assertRefused(() -> Negotiation.requireDicomParts("application/zip", List.of(EXPLICIT)),
                HttpStatus.NOT_ACCEPTABLE);
    }

    @Test
    void jsonIsAnsweredToJsonAndAnythingButXml() {
        Negotiation.requireJson(null);
        Negotiation.requireJson("*/*");
        Negotiation.requireJson("application/dicom+json, multipart/related; type=\"application/dicom+xml\"");
        Negotiation.requireJson("application/json");
        assertRefused(() -> Negotiation.requireJson("multipart/related; type=\"application/dicom+xml\""),
                HttpStatus.NOT_ACCEPTABLE);
        assertRefused(() -> Negotiation.requireJson("application/dicom+json;q=0"), HttpStatus.NOT_ACCEPTABLE);
    }

    @Test
    void renderedIsJpegUnlessPngIsAskedFor() {
        assertThat(Negotiation.rendered(null)).isEqualTo("image/jpeg");
        assertThat(Negotiation.rendered("image/*")).isEqualTo("image/jpeg");
        assertThat(Negotiation.rendered("image/png")).isEqualTo("image/png");
        assertRefused(() -> Negotiation.rendered("image/gif"), HttpStatus.NOT_ACCEPTABLE);
    }

    private static void assertRefused(Runnable call, HttpStatus status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DicomWebException.class,
                e -> assertThat(e.status()).isEqualTo(status));
    }
}
