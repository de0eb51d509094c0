package org.rispacs.fhir.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirReportAddendum;
import org.rispacs.api.fhir.FhirReportStatus;
import org.rispacs.fhir.patient.IdentifierSystems;

class DiagnosticReportResourcesTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final PatientIdentifier PATIENT = new PatientIdentifier("P1", "HOSP");
    private static final Instant SIGNED = Instant.parse("2026-12-07T10:00:00Z");
    private static final Instant ADDENDED = Instant.parse("2026-12-08T11:30:00Z");

    private final DiagnosticReportResources resources = new DiagnosticReportResources(
            new IdentifierSystems(Map.of("HOSP", "http://hospital.example/mrn")), ZURICH);

    @Test
    void anAppendedReportHasEveryFieldAndBothPresentedFormsHoldTheWholeText() {
        FhirDiagnosticReport report = new FhirDiagnosticReport("r1", "order-1", "1.2.3", PATIENT,
                new ProcedureCode("CTCH", "LN", "CT chest"), "20261207", "093000.5", FhirReportStatus.APPENDED,
                "FINDINGS: clear <1 mm> & fine.\nIMPRESSION: normal", "Dr Ralf", SIGNED,
                List.of(new FhirReportAddendum(1, "Dr Anna", ADDENDED, "Follow-up.")), 6, ADDENDED);

        DiagnosticReport resource = resources.toResource(report);

        assertThat(resource.getIdElement().getIdPart()).isEqualTo("r1");
        assertThat(resource.getMeta().getVersionId()).isEqualTo("6");
        assertThat(resource.getStatus()).isEqualTo(DiagnosticReportStatus.APPENDED);
        assertThat(resource.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/order-1");
        assertThat(resource.getImagingStudyFirstRep().getReference()).isEqualTo("ImagingStudy/1.2.3");
        assertThat(resource.getImagingStudyFirstRep().getIdentifier().getValue()).isEqualTo("urn:oid:1.2.3");
        assertThat(resource.getSubject().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(PATIENT));
        assertThat(resource.getSubject().getIdentifier().getSystem()).isEqualTo("http://hospital.example/mrn");
        assertThat(resource.getSubject().getIdentifier().getValue()).isEqualTo("P1");
        assertThat(resource.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("RAD");
        assertThat(resource.getCode().getCoding()).extracting(c -> c.getSystem() + "|" + c.getCode())
                .containsExactly("http://loinc.org|18748-4", "http://loinc.org|CTCH");
        assertThat(resource.getCode().getText()).isEqualTo("CT chest");
        assertThat(resource.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-12-07T09:30:00+01:00");
        assertThat(resource.getIssued()).isEqualTo(Date.from(ADDENDED));
        assertThat(resource.getResultsInterpreter()).extracting(r -> r.getDisplay())
                .containsExactly("Dr Ralf", "Dr Anna");
        assertThat(resource.getConclusion()).isEqualTo("normal");
        assertThat(resource.getPresentedForm()).extracting(a -> a.getContentType())
                .containsExactly("text/plain", "text/html");
        String plain = new String(resource.getPresentedForm().get(0).getData(), StandardCharsets.UTF_8);
        assertThat(plain).contains(report.text(), "ADDENDUM 1 (Dr Anna, 2026-12-08T12:30:00+01:00):\nFollow-up.");
        String html = new String(resource.getPresentedForm().get(1).getData(), StandardCharsets.UTF_8);
        assertThat(html).contains("<title>Radiology report: CT chest</title>", "<h2>FINDINGS</h2>",
                "clear &lt;1 mm&gt; &amp; fine.", "<section class=\"addendum\"><h2>Addendum 1</h2>", "Follow-up.");
        assertThat(resource.getPresentedForm()).allSatisfy(form -> {
            assertThat(form.getTitle()).isEqualTo("Radiology report: CT chest");
            assertThat(form.getCreationElement().getValueAsString()).isEqualTo("2026-12-08T12:30:00.000+01:00");
            assertThat(form.getSize()).isEqualTo(form.getData().length);
        });
    }

    @Test
    void aPreliminaryReportWithoutStudyTimeOrImpressionHasADateOnlyAndNoConclusion() {
        FhirDiagnosticReport report = new FhirDiagnosticReport("r2", "order-2", "1.2.4", PATIENT,
                new ProcedureCode("X1", "LOCAL SCHEME", "Hand"), "20261207", null, FhirReportStatus.PRELIMINARY,
                "Fracture of the fifth metacarpal.", "Dr Rita", SIGNED, List.of(), 3, SIGNED);

        DiagnosticReport resource = resources.toResource(report);

        assertThat(resource.getStatus()).isEqualTo(DiagnosticReportStatus.PRELIMINARY);
        assertThat(resource.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2026-12-07");
        assertThat(resource.hasConclusion()).isFalse();
        assertThat(resource.getIssued()).isEqualTo(Date.from(SIGNED));
        assertThat(resource.getCode().getCoding().get(1).getSystem())
                .isEqualTo("urn:rispacs:coding-scheme:LOCAL%20SCHEME");
        assertThat(DiagnosticReportResources.status(new FhirDiagnosticReport("r3", "o", "s", null, null, null, null,
                FhirReportStatus.FINAL, "t", "x", SIGNED, List.of(), 2, SIGNED)))
                .isEqualTo(DiagnosticReportStatus.FINAL);
    }
}
