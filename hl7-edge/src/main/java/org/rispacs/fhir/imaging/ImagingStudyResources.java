package org.rispacs.fhir.imaging;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesComponent;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudyStatus;
import org.hl7.fhir.r4.model.Reference;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedInstance;
import org.rispacs.api.archive.ArchivedSeries;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.fhir.endpoint.EndpointResourceProvider;
import org.rispacs.fhir.patient.IdentifierSystems;

/**
 * A study of the archive as a FHIR R4 {@code ImagingStudy}, under its current identity (the
 * order's patient and accession once matched, with merges and corrections applied), as DICOMweb
 * serves it; its images are fetched from the {@code Endpoint} it names.
 */
public final class ImagingStudyResources {

    static final String DICOM_UID = "urn:dicom:uid";
    static final String OID_URN = "urn:oid:";
    static final String URI_SYSTEM = "urn:ietf:rfc:3986";
    static final String DICOM_CODES = "http://dicom.nema.org/resources/ontology/DCM";
    static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";
    static final String ACCESSION_TYPE = "ACSN";
    private static final Pattern TIME = Pattern.compile("(\\d{2})(\\d{2})?(\\d{2})?(?:\\.(\\d{1,6}))?");

    private final IdentifierSystems systems;
    private final ZoneId zone;

    /**
     * @param zone where the modalities are: DICOM dates and times are local, FHIR's carry an offset
     */
    public ImagingStudyResources(IdentifierSystems systems, ZoneId zone) {
        this.systems = systems;
        this.zone = zone;
    }

    /** The patient a study is served under, or null when its identity lacks an id or an issuer. */
    public static PatientIdentifier patientOf(ArchivedStudy study) {
        ArchivedIdentity identity = study.current();
        return identity == null || blank(identity.patientId()) || blank(identity.issuerOfPatientId()) ? null
                : new PatientIdentifier(identity.patientId(), identity.issuerOfPatientId());
    }

    /**
     * @param patientKnown whether our FHIR Patient of this identity can be read: only then is the
     *                     subject a reference to it, else it names the patient by identifier alone
     */
    public ImagingStudy toResource(FhirImagingStudy found, Predicate<PatientIdentifier> patientKnown) {
        ArchivedStudy study = found.contents().study();
        ImagingStudy resource = new ImagingStudy();
        resource.setId(study.studyInstanceUid());
        resource.getMeta().setVersionId(String.valueOf(found.version()));
        if (found.lastUpdated() != null) {
            resource.getMeta().setLastUpdated(Date.from(found.lastUpdated()));
        }
        resource.addIdentifier().setSystem(DICOM_UID).setValue(OID_URN + study.studyInstanceUid());
        ArchivedIdentity identity = study.current();
        String accession = identity == null ? null : identity.accessionNumber();
        if (!blank(accession)) {
            resource.addIdentifier(accession(accession));
        }
        resource.setStatus(ImagingStudyStatus.AVAILABLE);
        study.modalitiesInStudy().forEach(modality -> resource.addModality(modality(modality)));
        resource.setSubject(subject(identity, patientKnown));
        DateTimeType started = dateTime(study.studyDate(), study.studyTime());
        if (started != null) {
            resource.setStartedElement(started);
        }
        if (study.orderId() != null) {
            Reference order = new Reference("ServiceRequest/" + study.orderId());
            if (!blank(accession)) {
                order.setIdentifier(accession(accession));
            }
            resource.addBasedOn(order);
        }
        resource.addEndpoint(new Reference("Endpoint/" + EndpointResourceProvider.DICOMWEB));
        resource.setNumberOfSeries(study.numberOfSeries());
        resource.setNumberOfInstances(study.numberOfInstances());
        if (!blank(study.studyDescription())) {
            resource.setDescription(study.studyDescription().strip());
        }
        Map<String, List<ArchivedInstance>> instancesBySeries = found.contents().instances().stream()
                .collect(Collectors.groupingBy(ArchivedInstance::seriesInstanceUid));
        for (ArchivedSeries series : found.contents().series()) {
            resource.addSeries(series(series, instancesBySeries.getOrDefault(series.seriesInstanceUid(), List.of())));
        }
        return resource;
    }

    private ImagingStudySeriesComponent series(ArchivedSeries series, List<ArchivedInstance> instances) {
        ImagingStudySeriesComponent component = new ImagingStudySeriesComponent();
        component.setUid(series.seriesInstanceUid());
        if (series.seriesNumber() != null) {
            component.setNumber(series.seriesNumber());
        }
        if (!blank(series.modality())) {
            component.setModality(modality(series.modality()));
        }
        if (!blank(series.seriesDescription())) {
            component.setDescription(series.seriesDescription().strip());
        }
        component.setNumberOfInstances(series.numberOfInstances());
        if (!blank(series.bodyPartExamined())) {
            // DICOM's defined terms are not SNOMED codes; the term is shown as it was sent
            component.setBodySite(new Coding().setDisplay(series.bodyPartExamined().strip()));
        }
        DateTimeType started = dateTime(series.seriesDate(), series.seriesTime());
        if (started != null) {
            component.setStartedElement(started);
        }
        for (ArchivedInstance instance : instances) {
            var one = component.addInstance().setUid(instance.sopInstanceUid())
                    .setSopClass(new Coding(URI_SYSTEM, OID_URN + instance.sopClassUid(), null));
            if (instance.instanceNumber() != null) {
                one.setNumber(instance.instanceNumber());
            }
        }
        return component;
    }

    private Reference subject(ArchivedIdentity identity, Predicate<PatientIdentifier> patientKnown) {
        Reference subject = new Reference();
        if (identity == null || blank(identity.patientId())) {
            return subject.setDisplay("unknown patient");
        }
        Identifier identifier = new Identifier().setValue(identity.patientId().strip());
        identifier.getType().addCoding().setSystem(IDENTIFIER_TYPES).setCode("MR").setDisplay("Medical record number");
        if (!blank(identity.issuerOfPatientId())) {
            PatientIdentifier patient = new PatientIdentifier(identity.patientId(), identity.issuerOfPatientId());
            identifier.setSystem(systems.systemOf(patient.issuer()));
            if (patientKnown.test(patient)) {
                subject.setReference("Patient/" + FhirPatientIds.of(patient));
            }
        }
        return subject.setType("Patient").setIdentifier(identifier);
    }

    private static Identifier accession(String accession) {
        Identifier identifier = new Identifier().setValue(accession.strip());
        identifier.getType().addCoding().setSystem(IDENTIFIER_TYPES).setCode(ACCESSION_TYPE)
                .setDisplay("Accession ID");
        return identifier;
    }

    private static Coding modality(String code) {
        return new Coding(DICOM_CODES, code.strip(), null);
    }

    /**
     * A DICOM date ({@code YYYYMMDD}) and time ({@code HH[MM[SS[.F...]]]}) as a FHIR dateTime in
     * the department's zone, to the second (the millisecond when the time has a fraction); the date
     * alone when the time is missing or unreadable, null when the date is.
     */
    DateTimeType dateTime(String date, String time) {
        LocalDate day;
        try {
            day = blank(date) ? null : LocalDate.parse(date.strip(), DateTimeFormatter.BASIC_ISO_DATE);
        } catch (DateTimeParseException unreadable) {
            day = null;
        }
        if (day == null) {
            return null;
        }
        Matcher parts = blank(time) ? null : TIME.matcher(time.strip().replace(":", ""));
        if (parts == null || !parts.matches()) {
            return new DateTimeType(day.toString());
        }
        LocalTime at;
        try {
            at = LocalTime.of(Integer.parseInt(parts.group(1)), parts.group(2) == null ? 0
                    : Integer.parseInt(parts.group(2)), parts.group(3) == null ? 0 : Integer.parseInt(parts.group(3)),
                    parts.group(4) == null ? 0 : Integer.parseInt((parts.group(4) + "00000").substring(0, 6)) * 1000);
        } catch (DateTimeException unreadable) {
            return new DateTimeType(day.toString());
        }
        // a FHIR time has seconds: an hour or minute alone is written as its first second
        TemporalPrecisionEnum precision = parts.group(4) != null ? TemporalPrecisionEnum.MILLI
                : TemporalPrecisionEnum.SECOND;
        return new DateTimeType(Date.from(day.atTime(at).atZone(zone).toInstant()), precision,
                TimeZone.getTimeZone(zone));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
