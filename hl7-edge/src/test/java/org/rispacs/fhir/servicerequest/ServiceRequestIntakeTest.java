package org.rispacs.fhir.servicerequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;

class ServiceRequestIntakeTest {

    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private static final PatientIdentifier MUELLER = new PatientIdentifier("P1", "HOSP");

    private final ServiceRequestIntake intake = new ServiceRequestIntake(ServiceRequestResourcesTest.SYSTEMS, VIENNA);

    @Test
    void aServiceRequestWithItsPatientIsTheHl7ChannelsCommands() {
        ServiceRequest request = request().setPriority(ServiceRequestPriority.URGENT)
                .setSubject(new Reference("urn:uuid:1"))
                .setOccurrence(new DateTimeType("2027-03-04T09:30:00+01:00"));
        request.addIdentifier().setValue("acc-9").getType().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/v2-0203").setCode("ACSN");
        request.addIdentifier().setSystem("http://hospital.example/orders").setValue("PLC-9");
        request.addReasonCode().setText("headache");
        request.getRequester().setDisplay("Dr John Who");
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("http://elsewhere.example").setValue("X");
        patient.addIdentifier().setSystem("http://hospital.example/mrn").setValue("P1");
        patient.addName().setFamily("Müller").addGiven("Hans").addGiven("Peter").addPrefix("Dr");
        patient.setGender(AdministrativeGender.MALE).getBirthDateElement().setValueAsString("1960-03-04");

        OrderPlacement placement = intake.placement("O1", request, patient, id -> Optional.empty());

        assertThat(placement.patient().patient()).isEqualTo(MUELLER);
        assertThat(placement.patient().demographics()).isEqualTo(new Demographics(
                new PersonName("Müller", "Hans", "Peter", "Dr", null), LocalDate.of(1960, 3, 4), "M"));
        PlaceOrderCommand place = placement.place();
        assertThat(place.orderId()).isEqualTo("O1");
        assertThat(place.patient()).isEqualTo(MUELLER);
        assertThat(place.procedure()).isEqualTo(new ProcedureCode("CTHEAD", "RIS", "CT head"));
        assertThat(place.modality()).isEqualTo("CT");
        assertThat(place.priority()).isEqualTo(OrderPriority.HIGH);
        assertThat(place.placerAccessionNumber()).isEqualTo("acc-9");
        assertThat(place.placerOrderNumber()).isEqualTo("PLC-9");
        assertThat(place.reason()).isEqualTo("headache");
        assertThat(place.orderingProvider()).isEqualTo("Dr John Who");
        assertThat(placement.schedule().orderId()).isEqualTo("O1");
        assertThat(placement.schedule().scheduledStart()).isEqualTo(LocalDateTime.of(2027, 3, 4, 9, 30));
        assertThat(placement.schedule().stationAeTitle()).isNull();
    }

    @Test
    void withoutAPatientTheSubjectMustBeAKnownPatientWhoIsOnlyChecked() {
        OrderPlacement placement = intake.placement("O1", request(), null,
                id -> id.equals("abc") ? Optional.of(MUELLER) : Optional.empty());

        assertThat(placement.patient().patient()).isEqualTo(MUELLER);
        assertThat(placement.patient().demographics()).as("nothing to register: the patient must be known").isNull();
        assertThat(placement.place().priority()).isEqualTo(OrderPriority.ROUTINE);
        assertThat(placement.schedule()).isNull();
        assertThat(placement.place().placerAccessionNumber()).isNull();

        assertThatThrownBy(() -> intake.placement("O1", request().setSubject(new Reference("Patient/other")), null,
                id -> Optional.empty())).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("unknown");
        ServiceRequest byIdentifier = request().setSubject(new Reference().setIdentifier(
                new Identifier().setSystem("http://hospital.example/mrn").setValue("P1")));
        assertThat(intake.placement("O1", byIdentifier, null, id -> Optional.empty()).patient().patient())
                .isEqualTo(MUELLER);
    }

    @Test
    void whatCannotMakeAnOrderIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> place(request().setStatus(ServiceRequestStatus.DRAFT)))
                .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("status must be active");
        assertThatThrownBy(() -> place(request().setIntent(ServiceRequestIntent.PROPOSAL)))
                .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("intent must be order");
        assertThatThrownBy(() -> place(request().setSubject(null)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("subject");
        ServiceRequest noCode = request();
        noCode.getCode().getCoding().clear();
        assertThatThrownBy(() -> place(noCode)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("code");
        ServiceRequest noModality = request();
        noModality.getCategory().clear();
        assertThatThrownBy(() -> place(noModality)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("modality");
        ServiceRequest foreignCode = request();
        foreignCode.getCode().getCodingFirstRep().setSystem("http://elsewhere.example");
        assertThatThrownBy(() -> place(foreignCode)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("none of ours");
        assertThatThrownBy(() -> place(request().setOccurrence(new DateTimeType("2027-03-04"))))
                .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("no time of day");
        ServiceRequest longAccession = request();
        longAccession.addIdentifier().setSystem("http://hospital.example/accession").setValue("A23456789012345678");
        assertThatThrownBy(() -> place(longAccession)).isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("longer than 16");
        Patient foreign = new Patient();
        foreign.addIdentifier().setSystem("http://elsewhere.example").setValue("X");
        assertThatThrownBy(() -> intake.placement("O1", request(), foreign, id -> Optional.empty()))
                .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("identifier");
    }

    private OrderPlacement place(ServiceRequest request) {
        return intake.placement("O1", request, null, id -> Optional.of(MUELLER));
    }

    private static ServiceRequest request() {
        ServiceRequest request = new ServiceRequest().setStatus(ServiceRequestStatus.ACTIVE)
                .setIntent(ServiceRequestIntent.ORDER).setSubject(new Reference("Patient/abc"));
        request.getCode().addCoding().setSystem("http://hospital.example/procedures").setCode("CTHEAD")
                .setDisplay("CT head");
        request.addCategory().addCoding().setSystem("http://dicom.nema.org/resources/ontology/DCM").setCode("CT");
        return request;
    }
}
