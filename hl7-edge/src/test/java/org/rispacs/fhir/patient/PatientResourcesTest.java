package org.rispacs.fhir.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;

class PatientResourcesTest {

    private static final PatientIdentifier SURVIVOR = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier MERGED = new PatientIdentifier("P0", "1.2.3");
    private static final Instant CHANGED = Instant.parse("2026-12-07T08:00:00Z");

    private final PatientResources resources = new PatientResources(new IdentifierSystems(Map.of()));

    @Test
    void aPatientWithEveryFieldAndTheIdentitiesMergedIntoIt() {
        FhirPatient patient = new FhirPatient(FhirPatientIds.of(SURVIVOR), SURVIVOR, new Demographics(
                new PersonName("Müller", "Hans", "Peter", "Dr", "Jr"), LocalDate.of(1960, 3, 4), "F"), true, null,
                List.of(MERGED), 3, CHANGED);

        Patient resource = resources.toResource(patient);

        assertThat(resource.getIdElement().getIdPart()).isEqualTo(FhirPatientIds.of(SURVIVOR));
        assertThat(resource.getMeta().getVersionId()).isEqualTo("3");
        assertThat(resource.getMeta().getLastUpdated()).isEqualTo(Date.from(CHANGED));
        assertThat(resource.getIdentifierFirstRep().getSystem()).isEqualTo("urn:rispacs:issuer:HOSP");
        assertThat(resource.getIdentifierFirstRep().getValue()).isEqualTo("P1");
        assertThat(resource.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("MR");
        assertThat(resource.getNameFirstRep().getFamily()).isEqualTo("Müller");
        assertThat(resource.getNameFirstRep().getGivenAsSingleString()).isEqualTo("Hans Peter");
        assertThat(resource.getNameFirstRep().getPrefixAsSingleString()).isEqualTo("Dr");
        assertThat(resource.getNameFirstRep().getSuffixAsSingleString()).isEqualTo("Jr");
        assertThat(resource.getBirthDateElement().getValueAsString()).isEqualTo("1960-03-04");
        assertThat(resource.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(resource.getActive()).isTrue();
        assertThat(resource.getLink()).singleElement().satisfies(link -> {
            assertThat(link.getType()).isEqualTo(LinkType.REPLACES);
            assertThat(link.getOther().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(MERGED));
        });
    }

    @Test
    void anIdentityKnownOnlyByItsIdentifierThatWasMergedAway() {
        Patient resource = resources.toResource(new FhirPatient(FhirPatientIds.of(MERGED), MERGED, null, false,
                SURVIVOR, List.of(), 1, CHANGED));

        assertThat(resource.getIdentifierFirstRep().getSystem()).isEqualTo("urn:oid:1.2.3");
        assertThat(resource.hasName()).isFalse();
        assertThat(resource.hasGender()).isFalse();
        assertThat(resource.hasBirthDate()).isFalse();
        assertThat(resource.getActive()).isFalse();
        assertThat(resource.getLink()).singleElement().satisfies(link -> {
            assertThat(link.getType()).isEqualTo(LinkType.REPLACEDBY);
            assertThat(link.getOther().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(SURVIVOR));
        });
    }

    @Test
    void administrativeSexWithoutAGenderIsLeftOut() {
        assertThat(PatientResources.gender("m")).isEqualTo(AdministrativeGender.MALE);
        assertThat(PatientResources.gender("O")).isEqualTo(AdministrativeGender.OTHER);
        assertThat(PatientResources.gender("U")).isEqualTo(AdministrativeGender.UNKNOWN);
        assertThat(PatientResources.gender("X")).isNull();
        assertThat(PatientResources.gender(null)).isNull();
    }
}
