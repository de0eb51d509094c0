package org.rispacs.fhir.patient;

import java.util.Date;
import java.util.Locale;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.LinkType;
import org.hl7.fhir.r4.model.Reference;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.fhir.FhirPatient;
import org.rispacs.api.fhir.FhirPatientIds;

/** A patient of the read model as a FHIR R4 {@code Patient} resource. */
public final class PatientResources {

    static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private final IdentifierSystems systems;

    public PatientResources(IdentifierSystems systems) {
        this.systems = systems;
    }

    public Patient toResource(FhirPatient patient) {
        Patient resource = new Patient();
        resource.setId(patient.resourceId());
        resource.getMeta().setVersionId(String.valueOf(patient.version()));
        if (patient.lastUpdated() != null) {
            resource.getMeta().setLastUpdated(Date.from(patient.lastUpdated()));
        }
        resource.addIdentifier(identifier(patient.identifier()));
        resource.setActive(patient.active());
        Demographics demographics = patient.demographics();
        if (demographics != null) {
            if (demographics.name() != null) {
                resource.addName(name(demographics.name()));
            }
            if (demographics.birthDate() != null) {
                resource.getBirthDateElement().setValueAsString(demographics.birthDate().toString());
            }
            AdministrativeGender gender = gender(demographics.sex());
            if (gender != null) {
                resource.setGender(gender);
            }
        }
        if (patient.replacedBy() != null) {
            resource.addLink().setType(LinkType.REPLACEDBY).setOther(reference(patient.replacedBy()));
        }
        for (PatientIdentifier replaced : patient.replaces()) {
            resource.addLink().setType(LinkType.REPLACES).setOther(reference(replaced));
        }
        return resource;
    }

    private Identifier identifier(PatientIdentifier patient) {
        Identifier identifier = new Identifier().setUse(Identifier.IdentifierUse.USUAL)
                .setSystem(systems.systemOf(patient.issuer())).setValue(patient.id());
        identifier.getType().addCoding().setSystem(IDENTIFIER_TYPES).setCode("MR").setDisplay("Medical record number");
        return identifier;
    }

    private static HumanName name(PersonName name) {
        HumanName human = new HumanName().setUse(HumanName.NameUse.OFFICIAL);
        if (present(name.family())) {
            human.setFamily(name.family().strip());
        }
        if (present(name.given())) {
            human.addGiven(name.given().strip());
        }
        if (present(name.middle())) {
            human.addGiven(name.middle().strip());
        }
        if (present(name.prefix())) {
            human.addPrefix(name.prefix().strip());
        }
        if (present(name.suffix())) {
            human.addSuffix(name.suffix().strip());
        }
        return human;
    }

    /** HL7 v2 administrative sex (table 0001) as FHIR gender; values without an equivalent are left out. */
    static AdministrativeGender gender(String sex) {
        if (sex == null) {
            return null;
        }
        return switch (sex.strip().toUpperCase(Locale.ROOT)) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O", "A", "N" -> AdministrativeGender.OTHER;
            case "U" -> AdministrativeGender.UNKNOWN;
            default -> null;
        };
    }

    private static Reference reference(PatientIdentifier patient) {
        return new Reference("Patient/" + FhirPatientIds.of(patient));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
