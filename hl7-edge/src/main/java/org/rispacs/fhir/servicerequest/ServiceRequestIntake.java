package org.rispacs.fhir.servicerequest;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.rispacs.api.common.AccessionNumbers;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RecordOrderPatientCommand;

/**
 * A ServiceRequest to be created (with the Patient of its transaction, if any) as the commands of
 * an order: what HL7 ORM^O01 NW and {@code POST /api/orders} send. Content that cannot make an
 * order is refused before anything is sent: 400 for what FHIR itself requires (a subject), 422 for
 * what our orders require (active order, a code, a DICOM modality, a schedule with a time of day).
 */
final class ServiceRequestIntake {

    private final ServiceRequestSystems systems;
    private final ZoneId zone;

    ServiceRequestIntake(ServiceRequestSystems systems, ZoneId zone) {
        this.systems = systems;
        this.zone = zone;
    }

    /**
     * @param orderId     the new order's id
     * @param patient     the Patient of the transaction the subject refers to, or null
     * @param knownPatient finds the patient of a {@code Patient/<id>} reference in the read model
     */
    OrderPlacement placement(String orderId, ServiceRequest request, Patient patient,
                             Function<String, Optional<PatientIdentifier>> knownPatient) {
        if (request.getStatus() != ServiceRequestStatus.ACTIVE) {
            throw new UnprocessableEntityException("status must be active (an order placed now), not "
                    + (request.getStatus() == null ? "absent" : request.getStatus().toCode()));
        }
        if (request.getIntent() != ServiceRequestIntent.ORDER) {
            throw new UnprocessableEntityException("intent must be order, not "
                    + (request.getIntent() == null ? "absent" : request.getIntent().toCode()));
        }
        if (!request.hasSubject()) {
            throw new InvalidRequestException("a ServiceRequest needs its subject (the patient)");
        }
        RecordOrderPatientCommand patientCommand = patient != null
                ? new RecordOrderPatientCommand(identifier(patient), demographics(patient))
                : new RecordOrderPatientCommand(subject(request.getSubject(), knownPatient), null);
        ProcedureCode procedure = procedure(request.getCode());
        String modality = modality(request.getCategory());
        String accession = null;
        String placerOrderNumber = null;
        for (Identifier identifier : request.getIdentifier()) {
            if (isOfType(identifier, "ACSN") || systems.accession().equals(identifier.getSystem())) {
                accession = value(identifier, "the accession number (identifier of type ACSN)");
                try {
                    AccessionNumbers.normalise(accession);
                } catch (IllegalArgumentException notAnAccession) {
                    throw new UnprocessableEntityException(notAnAccession.getMessage());
                }
            } else if (isOfType(identifier, "PLAC") || systems.placerOrder().equals(identifier.getSystem())) {
                placerOrderNumber = value(identifier, "the placer order number (identifier of type PLAC)");
            }
        }
        String reason = request.getReasonCode().stream().map(ServiceRequestIntake::text)
                .filter(text -> text != null).findFirst().orElse(null);
        String provider = request.hasRequester() ? ProviderNames.personName(request.getRequester().getDisplay())
                : null;
        PlaceOrderCommand place = new PlaceOrderCommand(orderId, patientCommand.patient(), placerOrderNumber,
                procedure, modality, ServiceRequestResources.priority(request.getPriority()), reason, provider,
                accession);
        ScheduleProcedureCommand schedule = request.hasOccurrence()
                ? new ScheduleProcedureCommand(orderId, start(request), null, null, null) : null;
        return new OrderPlacement(patientCommand, place, schedule);
    }

    /** The Patient's identifier of one of our issuers (the first such). */
    PatientIdentifier identifier(Patient patient) {
        for (Identifier identifier : patient.getIdentifier()) {
            if (identifier.hasSystem() && identifier.hasValue()) {
                Optional<String> issuer = systems.patients().issuerOf(identifier.getSystem());
                if (issuer.isPresent()) {
                    return new PatientIdentifier(identifier.getValue(), issuer.get());
                }
            }
        }
        throw new UnprocessableEntityException("the Patient needs an identifier whose system is one of ours"
                + " (a configured one, urn:oid:<issuer> or urn:rispacs:issuer:<issuer>)");
    }

    /** The Patient's name, birth date and sex; null without a family name (the patient must then be known). */
    static Demographics demographics(Patient patient) {
        HumanName name = patient.getName().stream().filter(one -> one.getUse() == HumanName.NameUse.OFFICIAL)
                .findFirst().orElse(patient.getName().isEmpty() ? null : patient.getName().get(0));
        if (name == null || !name.hasFamily()) {
            return null;
        }
        List<String> given = name.getGiven().stream().map(Object::toString).toList();
        PersonName person = new PersonName(name.getFamily(), given.isEmpty() ? null : given.get(0),
                given.size() < 2 ? null : String.join(" ", given.subList(1, given.size())),
                name.hasPrefix() ? name.getPrefixAsSingleString() : null,
                name.hasSuffix() ? name.getSuffixAsSingleString() : null);
        LocalDate birthDate = patient.hasBirthDate()
                ? LocalDate.parse(patient.getBirthDateElement().getValueAsString().substring(0, 10)) : null;
        String sex = !patient.hasGender() ? null : switch (patient.getGender()) {
            case MALE -> "M";
            case FEMALE -> "F";
            case OTHER -> "O";
            case UNKNOWN -> "U";
            default -> null;
        };
        return new Demographics(person, birthDate, sex);
    }

    private PatientIdentifier subject(Reference subject,
                                      Function<String, Optional<PatientIdentifier>> knownPatient) {
        if (subject.hasReference()) {
            String reference = subject.getReference();
            if (!reference.startsWith("Patient/") || reference.length() == "Patient/".length()) {
                throw new UnprocessableEntityException("subject " + reference + " is not a Patient of this server"
                        + " (Patient/<id>) nor the Patient of the transaction");
            }
            String id = subject.getReferenceElement().getIdPart();
            return knownPatient.apply(id).orElseThrow(() -> new UnprocessableEntityException(
                    "subject Patient/" + id + " is unknown; send the Patient with the order (a transaction)"));
        }
        if (subject.hasIdentifier() && subject.getIdentifier().hasSystem() && subject.getIdentifier().hasValue()) {
            String issuer = systems.patients().issuerOf(subject.getIdentifier().getSystem()).orElseThrow(
                    () -> new UnprocessableEntityException("subject identifier system "
                            + subject.getIdentifier().getSystem() + " is none of ours"));
            return new PatientIdentifier(subject.getIdentifier().getValue(), issuer);
        }
        throw new InvalidRequestException("the subject needs a reference (Patient/<id>) or an identifier");
    }

    private ProcedureCode procedure(CodeableConcept code) {
        Coding coding = code.getCoding().stream().filter(Coding::hasCode).findFirst().orElseThrow(
                () -> new UnprocessableEntityException("a ServiceRequest needs the procedure as code.coding"));
        String scheme = null;
        if (coding.hasSystem()) {
            scheme = systems.codes().schemeOf(coding.getSystem()).orElseThrow(() -> new UnprocessableEntityException(
                    "code system " + coding.getSystem() + " is none of ours (configure it, or use "
                            + CodingSystems.SCHEME_PREFIX + "<scheme>)"));
        }
        String meaning = coding.hasDisplay() ? coding.getDisplay() : code.hasText() ? code.getText() : null;
        return new ProcedureCode(coding.getCode(), scheme, meaning);
    }

    private static String modality(List<CodeableConcept> categories) {
        return categories.stream().flatMap(category -> category.getCoding().stream())
                .filter(coding -> ServiceRequestResources.DICOM.equals(coding.getSystem()) && coding.hasCode())
                .map(Coding::getCode).findFirst().orElseThrow(() -> new UnprocessableEntityException(
                        "a ServiceRequest needs the modality as a category coding of "
                                + ServiceRequestResources.DICOM + " (CT, MR, US, ...)"));
    }

    private LocalDateTime start(ServiceRequest request) {
        if (!(request.getOccurrence() instanceof DateTimeType start) || start.getValue() == null) {
            throw new UnprocessableEntityException("occurrence must be occurrenceDateTime");
        }
        if (start.getPrecision().ordinal() < TemporalPrecisionEnum.MINUTE.ordinal()) {
            throw new UnprocessableEntityException("occurrenceDateTime " + start.getValueAsString()
                    + " gives no time of day, which a schedule needs");
        }
        return LocalDateTime.ofInstant(start.getValue().toInstant(), zone);
    }

    private static boolean isOfType(Identifier identifier, String type) {
        return identifier.getType().getCoding().stream().anyMatch(coding -> type.equals(coding.getCode())
                && (!coding.hasSystem() || ServiceRequestResources.IDENTIFIER_TYPES.equals(coding.getSystem())));
    }

    private static String value(Identifier identifier, String what) {
        if (!identifier.hasValue() || identifier.getValue().isBlank()) {
            throw new UnprocessableEntityException(what + " has no value");
        }
        return identifier.getValue().strip();
    }

    private static String text(CodeableConcept concept) {
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
                .orElse(null);
    }
}
