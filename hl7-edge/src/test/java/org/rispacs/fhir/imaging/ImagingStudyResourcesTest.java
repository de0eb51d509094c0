package org.rispacs.fhir.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesComponent;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesInstanceComponent;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudyStatus;
import org.junit.jupiter.api.Test;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedInstance;
import org.rispacs.api.archive.ArchivedSeries;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.archive.ArchivedStudyContents;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.fhir.patient.IdentifierSystems;

class ImagingStudyResourcesTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String SC = "1.2.840.10008.5.1.4.1.1.7";
    private static final Instant CHANGED = Instant.parse("2026-12-07T08:00:00Z");
    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private static final PatientIdentifier MUELLER = new PatientIdentifier("P1", "HOSP");

    private final ImagingStudyResources resources = new ImagingStudyResources(
            new IdentifierSystems(Map.of("HOSP", "http://hospital.example/mrn")), VIENNA);

    @Test
    void aStudyLinkedToAnOrderWithItsSeriesAndInstances() {
        ArchivedStudy study = new ArchivedStudy("1.2.3", "20261201", "101500", "S1", "CT Schädel", "House^Gregory",
                List.of("CT", "OT"), List.of(CT, SC), 2, 3,
                new ArchivedIdentity("P1", "HOSP", "Müller^Hans", "19600304", "M", "ACC-1"),
                new ArchivedIdentity("P1", null, "MULLER^HANS", "19600304", "M", "ACC-1"), "order-7");
        ArchivedStudyContents contents = new ArchivedStudyContents(study, List.of(
                new ArchivedSeries("1.2.3", "1.2.3.1", "CT", 1, "Axial", "20261201", "101600", "HEAD", 2),
                new ArchivedSeries("1.2.3", "1.2.3.2", "OT", null, null, null, null, null, 1)), List.of(
                instance("1.2.3.1", "1.2.3.1.1", CT, 1), instance("1.2.3.1", "1.2.3.1.2", CT, 2),
                instance("1.2.3.2", "1.2.3.2.1", SC, null)));

        ImagingStudy resource = resources.toResource(new FhirImagingStudy(contents, 4, CHANGED), any -> true);

        assertThat(resource.getIdElement().getIdPart()).isEqualTo("1.2.3");
        assertThat(resource.getMeta().getVersionId()).isEqualTo("4");
        assertThat(resource.getMeta().getLastUpdated()).isEqualTo(Date.from(CHANGED));
        assertThat(resource.getIdentifier()).hasSize(2);
        assertThat(resource.getIdentifier().get(0).getSystem()).isEqualTo("urn:dicom:uid");
        assertThat(resource.getIdentifier().get(0).getValue()).isEqualTo("urn:oid:1.2.3");
        assertThat(resource.getIdentifier().get(1).getType().getCodingFirstRep().getCode()).isEqualTo("ACSN");
        assertThat(resource.getIdentifier().get(1).getValue()).isEqualTo("ACC-1");
        assertThat(resource.getStatus()).isEqualTo(ImagingStudyStatus.AVAILABLE);
        assertThat(resource.getModality()).extracting(Coding::getSystem, Coding::getCode).containsExactly(
                Tuple.tuple("http://dicom.nema.org/resources/ontology/DCM", "CT"),
                Tuple.tuple("http://dicom.nema.org/resources/ontology/DCM", "OT"));
        assertThat(resource.getSubject().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(MUELLER));
        assertThat(resource.getSubject().getIdentifier().getSystem()).isEqualTo("http://hospital.example/mrn");
        assertThat(resource.getSubject().getIdentifier().getValue()).isEqualTo("P1");
        assertThat(resource.getStartedElement().getValueAsString()).isEqualTo("2026-12-01T10:15:00+01:00");
        assertThat(resource.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/order-7");
        assertThat(resource.getBasedOnFirstRep().getIdentifier().getValue()).isEqualTo("ACC-1");
        assertThat(resource.getEndpointFirstRep().getReference()).isEqualTo("Endpoint/dicomweb");
        assertThat(resource.getNumberOfSeries()).isEqualTo(2);
        assertThat(resource.getNumberOfInstances()).isEqualTo(3);
        assertThat(resource.getDescription()).isEqualTo("CT Schädel");

        assertThat(resource.getSeries()).extracting(ImagingStudySeriesComponent::getUid)
                .containsExactly("1.2.3.1", "1.2.3.2");
        ImagingStudySeriesComponent axial = resource.getSeries().get(0);
        assertThat(axial.getNumber()).isEqualTo(1);
        assertThat(axial.getModality().getSystem()).isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
        assertThat(axial.getModality().getCode()).isEqualTo("CT");
        assertThat(axial.getDescription()).isEqualTo("Axial");
        assertThat(axial.getNumberOfInstances()).isEqualTo(2);
        assertThat(axial.getBodySite().getDisplay()).isEqualTo("HEAD");
        assertThat(axial.getStartedElement().getValueAsString()).isEqualTo("2026-12-01T10:16:00+01:00");
        assertThat(axial.getInstance()).extracting(ImagingStudySeriesInstanceComponent::getUid)
                .containsExactly("1.2.3.1.1", "1.2.3.1.2");
        assertThat(axial.getInstanceFirstRep().getSopClass().getSystem()).isEqualTo("urn:ietf:rfc:3986");
        assertThat(axial.getInstanceFirstRep().getSopClass().getCode()).isEqualTo("urn:oid:" + CT);
        assertThat(axial.getInstance()).extracting(ImagingStudySeriesInstanceComponent::getNumber)
                .containsExactly(1, 2);
        ImagingStudySeriesComponent other = resource.getSeries().get(1);
        assertThat(other.hasNumber()).isFalse();
        assertThat(other.hasBodySite()).isFalse();
        assertThat(other.hasStarted()).isFalse();
        assertThat(other.getInstanceFirstRep().hasNumber()).isFalse();
        assertThat(other.getInstanceFirstRep().getSopClass().getCode()).isEqualTo("urn:oid:" + SC);
    }

    @Test
    void anUnmatchedStudyNamesItsPatientByIdentifierUnlessOurPatientCanBeRead() {
        ArchivedIdentity asSent = new ArchivedIdentity("X9", null, "Smith^Ann", null, null, null);
        ArchivedStudy study = new ArchivedStudy("1.2.4", null, null, null, null, null, List.of(), List.of(), 0, 0,
                asSent, asSent, null);

        ImagingStudy resource = resources.toResource(new FhirImagingStudy(new ArchivedStudyContents(study, null,
                null), 1, null), any -> true);

        assertThat(resource.getSubject().hasReference()).isFalse();
        assertThat(resource.getSubject().getIdentifier().getValue()).isEqualTo("X9");
        assertThat(resource.getSubject().getIdentifier().hasSystem()).isFalse();
        assertThat(resource.getIdentifier()).hasSize(1);
        assertThat(resource.hasBasedOn()).isFalse();
        assertThat(resource.hasStarted()).isFalse();
        assertThat(resource.hasDescription()).isFalse();
        assertThat(resource.getMeta().hasLastUpdated()).isFalse();

        ArchivedIdentity unknown = new ArchivedIdentity("P1", "HOSP", null, null, null, null);
        ImagingStudy notReadable = resources.toResource(new FhirImagingStudy(new ArchivedStudyContents(
                new ArchivedStudy("1.2.5", null, null, null, null, null, null, null, 0, 0, unknown, unknown, null),
                null, null), 1, null), any -> false);
        assertThat(notReadable.getSubject().hasReference()).isFalse();
        assertThat(notReadable.getSubject().getIdentifier().getSystem()).isEqualTo("http://hospital.example/mrn");
        assertThat(ImagingStudyResources.patientOf(new ArchivedStudy("1.2.5", null, null, null, null, null, null,
                null, 0, 0, unknown, unknown, null))).isEqualTo(MUELLER);
        assertThat(ImagingStudyResources.patientOf(study)).as("no issuer, no identity to record").isNull();
    }

    @Test
    void dicomDatesAndTimesBecomeDateTimesAsPreciseAsTheTimeInTheDepartmentsZone() {
        assertThat(resources.dateTime("20260701", "0830").getValueAsString()).isEqualTo("2026-07-01T08:30:00+02:00");
        assertThat(resources.dateTime("20260701", "08").getValueAsString()).isEqualTo("2026-07-01T08:00:00+02:00");
        assertThat(resources.dateTime("20260701", "083015.25").getValueAsString())
                .isEqualTo("2026-07-01T08:30:15.250+02:00");
        assertThat(resources.dateTime("20260701", "083015.25").getPrecision()).isEqualTo(TemporalPrecisionEnum.MILLI);
        assertThat(resources.dateTime("20260701", "08:30:15").getValueAsString())
                .isEqualTo("2026-07-01T08:30:15+02:00");
        assertThat(resources.dateTime("20260701", null).getValueAsString()).isEqualTo("2026-07-01");
        assertThat(resources.dateTime("20260701", "2561").getValueAsString()).isEqualTo("2026-07-01");
        assertThat(resources.dateTime("2026-07-01", "0830")).isNull();
        assertThat(resources.dateTime(null, "0830")).isNull();
    }

    private static ArchivedInstance instance(String series, String sop, String sopClass, Integer number) {
        return new ArchivedInstance("1.2.3", series, sop, sopClass, "1.2.840.10008.1.2.1", number, 8, 8, null, 100);
    }
}
