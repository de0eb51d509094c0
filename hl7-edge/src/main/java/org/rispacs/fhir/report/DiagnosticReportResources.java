package org.rispacs.fhir.report;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirReportAddendum;
import org.rispacs.fhir.patient.IdentifierSystems;

/**
 * A signed report of the read model as a FHIR R4 {@code DiagnosticReport}, shaped after IHE IMR (Interactive
 * Multimedia Report): based on its ServiceRequest, referencing its ImagingStudy, its whole text (with the addenda)
 * as plain text and as XHTML in {@code presentedForm}, the impression as {@code conclusion}.
 */
public final class DiagnosticReportResources {

    static final String LOINC = "http://loinc.org";
    static final String IMAGING_STUDY_CODE = "18748-4";
    static final String DIAGNOSTIC_SERVICE_SECTIONS = "http://terminology.hl7.org/CodeSystem/v2-0074";
    static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String DICOM_UID = "urn:dicom:uid";
    static final String CODING_SCHEME_PREFIX = "urn:rispacs:coding-scheme:";
    private static final Map<String, String> KNOWN_SCHEMES = Map.of(
            "LN", LOINC,
            "SCT", "http://snomed.info/sct",
            "RADLEX", "http://radlex.org");
    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final IdentifierSystems systems;
    private final ZoneId zone;
    private final ReportRendering rendering;

    /** @param zone the department's time zone, in which the study's date and time (DICOM, zoneless) were taken */
    public DiagnosticReportResources(IdentifierSystems systems, ZoneId zone) {
        this.systems = systems;
        this.zone = zone;
        this.rendering = new ReportRendering(zone);
    }

    public DiagnosticReport toResource(FhirDiagnosticReport report) {
        DiagnosticReport resource = new DiagnosticReport();
        resource.setId(report.reportId());
        resource.getMeta().setVersionId(String.valueOf(report.version()));
        if (report.lastUpdated() != null) {
            resource.getMeta().setLastUpdated(Date.from(report.lastUpdated()));
        }
        DiagnosticReportStatus status = status(report);
        resource.setStatus(status);
        resource.addBasedOn(new Reference("ServiceRequest/" + report.orderId()));
        resource.addCategory().addCoding().setSystem(DIAGNOSTIC_SERVICE_SECTIONS).setCode("RAD")
                .setDisplay("Radiology");
        resource.setCode(code(report.procedure()));
        if (report.patient() != null) {
            resource.setSubject(subject(report.patient()));
        }
        DateTimeType effective = effective(report.studyDate(), report.studyTime());
        if (effective != null) {
            resource.setEffective(effective);
        }
        Instant issued = issued(report);
        if (issued != null) {
            resource.setIssued(Date.from(issued));
        }
        interpreters(report).forEach(name -> resource.addResultsInterpreter().setDisplay(name));
        Reference study = resource.addImagingStudy().setReference("ImagingStudy/" + report.studyInstanceUid());
        study.setIdentifier(new Identifier().setSystem(DICOM_UID).setValue("urn:oid:" + report.studyInstanceUid()));
        String conclusion = ReportText.conclusion(report.text());
        if (conclusion != null) {
            resource.setConclusion(conclusion);
        }
        String title = title(report.procedure());
        resource.addPresentedForm(attachment("text/plain", rendering.plainText(report), title, issued));
        resource.addPresentedForm(attachment("text/html", rendering.html(report, title, status.toCode()), title,
                issued));
        return resource;
    }

    /**
     * An addendum adds to a final report and changes none of it: {@code appended}, which R4's code system
     * defines as a kind of {@code amended}. A signed report is never edited, so {@code corrected} does not occur.
     */
    static DiagnosticReportStatus status(FhirDiagnosticReport report) {
        return switch (report.status()) {
            case PRELIMINARY -> DiagnosticReportStatus.PRELIMINARY;
            case FINAL -> DiagnosticReportStatus.FINAL;
            case APPENDED -> DiagnosticReportStatus.APPENDED;
            case DRAFT -> throw new IllegalArgumentException("a draft is no result: " + report.reportId());
        };
    }

    /** When this version was made available: the last addendum's time, else the signature's. */
    static Instant issued(FhirDiagnosticReport report) {
        return report.addenda().isEmpty() ? report.signedAt() : report.addenda().getLast().at();
    }

    private static Set<String> interpreters(FhirDiagnosticReport report) {
        Set<String> names = new LinkedHashSet<>();
        if (report.signer() != null) {
            names.add(report.signer());
        }
        for (FhirReportAddendum addendum : report.addenda()) {
            if (addendum.author() != null) {
                names.add(addendum.author());
            }
        }
        return names;
    }

    private static CodeableConcept code(ProcedureCode procedure) {
        CodeableConcept code = new CodeableConcept();
        code.addCoding().setSystem(LOINC).setCode(IMAGING_STUDY_CODE).setDisplay("Diagnostic imaging study");
        if (procedure != null && present(procedure.code())) {
            var coding = code.addCoding().setCode(procedure.code().strip());
            String system = codingSystem(procedure.codingScheme());
            if (system != null) {
                coding.setSystem(system);
            }
            if (present(procedure.meaning())) {
                coding.setDisplay(procedure.meaning().strip());
            }
        }
        if (procedure != null && present(procedure.meaning())) {
            code.setText(procedure.meaning().strip());
        }
        return code;
    }

    /** A coding scheme of HL7 v2 / DICOM as a FHIR code system: the well-known ones by URL, others as a URN. */
    static String codingSystem(String scheme) {
        if (!present(scheme)) {
            return null;
        }
        String known = KNOWN_SCHEMES.get(scheme.strip().toUpperCase(Locale.ROOT));
        return known != null ? known : CODING_SCHEME_PREFIX
                + URLEncoder.encode(scheme.strip(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Reference subject(PatientIdentifier patient) {
        Identifier identifier = new Identifier().setUse(Identifier.IdentifierUse.USUAL)
                .setSystem(systems.systemOf(patient.issuer())).setValue(patient.id());
        identifier.getType().addCoding().setSystem(IDENTIFIER_TYPES).setCode("MR").setDisplay("Medical record number");
        return new Reference("Patient/" + FhirPatientIds.of(patient)).setIdentifier(identifier);
    }

    /** The study's date, with its time (in the department's zone) when the images carried one; null if unknown. */
    DateTimeType effective(String studyDate, String studyTime) {
        if (!present(studyDate)) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(studyDate.strip(), DICOM_DATE);
            LocalTime time = time(studyTime);
            if (time == null) {
                return new DateTimeType(date.toString());
            }
            return new DateTimeType(date.atTime(time).atZone(zone).format(DATE_TIME));
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** A DICOM time ({@code HH}, {@code HHMM}, {@code HHMMSS}, fractions ignored); null if absent or unreadable. */
    private static LocalTime time(String dicomTime) {
        if (!present(dicomTime)) {
            return null;
        }
        String digits = dicomTime.strip();
        int dot = digits.indexOf('.');
        if (dot >= 0) {
            digits = digits.substring(0, dot);
        }
        if (!digits.matches("\\d{2}|\\d{4}|\\d{6}")) {
            return null;
        }
        int hour = Integer.parseInt(digits.substring(0, 2));
        int minute = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
        int second = digits.length() == 6 ? Integer.parseInt(digits.substring(4, 6)) : 0;
        return hour < 24 && minute < 60 && second < 60 ? LocalTime.of(hour, minute, second) : null;
    }

    private static String title(ProcedureCode procedure) {
        return procedure != null && present(procedure.meaning()) ? "Radiology report: " + procedure.meaning().strip()
                : "Radiology report";
    }

    private Attachment attachment(String contentType, String content, String title, Instant creation) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Attachment attachment = new Attachment().setContentType(contentType).setData(bytes).setTitle(title)
                .setSize(bytes.length).setHash(sha1(bytes));
        if (creation != null) {
            // the default precision (seconds) would cut the time short of issued's
            attachment.setCreationElement(new DateTimeType(Date.from(creation), TemporalPrecisionEnum.MILLI,
                    TimeZone.getTimeZone(zone)));
        }
        return attachment;
    }

    private static byte[] sha1(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
