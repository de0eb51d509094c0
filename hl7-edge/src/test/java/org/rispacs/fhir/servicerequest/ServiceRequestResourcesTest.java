package org.rispacs.fhir.servicerequest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.junit.jupiter.api.Test;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.fhir.FhirOrderState;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FhirServiceRequest;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.fhir.patient.IdentifierSystems;

class ServiceRequestResourcesTest {

    static final ServiceRequestSystems SYSTEMS = new ServiceRequestSystems("http://hospital.example/accession",
            "http://hospital.example/orders", new IdentifierSystems(Map.of("HOSP", "http://hospital.example/mrn")),
            new CodingSystems(Map.of("RIS", "http://hospital.example/procedures")));
    private static final ZoneId VIENNA = ZoneId.of("Europe/Vienna");
    private static final PatientIdentifier MUELLER = new PatientIdentifier("P1", "HOSP");
    private static final Instant PLACED = Instant.parse("2027-03-01T07:15:00Z");
    private static final Instant SCHEDULED = Instant.parse("2027-03-04T08:30:00Z");

    private final ServiceRequestResources resources = new ServiceRequestResources(SYSTEMS, VIENNA);

    @Test
    void anOrderWithEveryField() {
        ServiceRequest resource = resources.toResource(new FhirServiceRequest("O1", MUELLER, FhirOrderState.SCHEDULED,
                "PLC-1", "ACC-1", new ProcedureCode("CTHEAD", "RIS", "CT head"), "CT", OrderPriority.STAT,
                "headache", "Who^John^^Dr", PLACED, SCHEDULED, 3, SCHEDULED.minusSeconds(60)));

        assertThat(resource.getIdElement().getIdPart()).isEqualTo("O1");
        assertThat(resource.getMeta().getVersionId()).isEqualTo("3");
        assertThat(resource.getMeta().getLastUpdated()).isEqualTo(Date.from(SCHEDULED.minusSeconds(60)));
        assertThat(resource.getIdentifier()).hasSize(2);
        Identifier accession = resource.getIdentifier().get(0);
        assertThat(accession.getType().getCodingFirstRep().getCode()).isEqualTo("ACSN");
        assertThat(accession.getType().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v2-0203");
        assertThat(accession.getSystem()).isEqualTo("http://hospital.example/accession");
        assertThat(accession.getValue()).isEqualTo("ACC-1");
        Identifier placer = resource.getIdentifier().get(1);
        assertThat(placer.getType().getCodingFirstRep().getCode()).isEqualTo("PLAC");
        assertThat(placer.getSystem()).isEqualTo("http://hospital.example/orders");
        assertThat(placer.getValue()).isEqualTo("PLC-1");
        assertThat(resource.getStatus()).isEqualTo(ServiceRequestStatus.ACTIVE);
        assertThat(resource.getIntent()).isEqualTo(ServiceRequestIntent.ORDER);
        assertThat(resource.getCategoryFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://dicom.nema.org/resources/ontology/DCM");
        assertThat(resource.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("CT");
        assertThat(resource.getPriority()).isEqualTo(ServiceRequestPriority.STAT);
        assertThat(resource.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://hospital.example/procedures");
        assertThat(resource.getCode().getCodingFirstRep().getCode()).isEqualTo("CTHEAD");
        assertThat(resource.getCode().getCodingFirstRep().getDisplay()).isEqualTo("CT head");
        assertThat(resource.getCode().getText()).isEqualTo("CT head");
        assertThat(resource.getSubject().getReference()).isEqualTo("Patient/" + FhirPatientIds.of(MUELLER));
        assertThat(resource.getSubject().getIdentifier().getSystem()).isEqualTo("http://hospital.example/mrn");
        assertThat(resource.getSubject().getIdentifier().getValue()).isEqualTo("P1");
        assertThat(resource.getRequester().getDisplay()).isEqualTo("Dr John Who");
        assertThat(resource.getRequester().hasReference()).isFalse();
        assertThat(resource.getReasonCodeFirstRep().getText()).isEqualTo("headache");
        assertThat(resource.getOccurrenceDateTimeType().getValueAsString()).isEqualTo("2027-03-04T09:30:00+01:00");
        assertThat(resource.getAuthoredOnElement().getValueAsString()).isEqualTo("2027-03-01T08:15:00+01:00");
    }

    @Test
    void anUnscheduledOrderWithoutPlacerDetailsHasOnlyWhatItHas() {
        ServiceRequest resource = resources.toResource(new FhirServiceRequest("O2", MUELLER, FhirOrderState.PLACED,
                null, "ACC-2", new ProcedureCode("X1", null, null), "DX", OrderPriority.LOW, null, null, PLACED,
                null, 2, PLACED));

        assertThat(resource.getIdentifier()).extracting(Identifier::getValue).containsExactly("ACC-2");
        assertThat(resource.hasOccurrence()).isFalse();
        assertThat(resource.hasRequester()).isFalse();
        assertThat(resource.hasReasonCode()).isFalse();
        assertThat(resource.getCode().getCodingFirstRep().hasSystem()).isFalse();
        assertThat(resource.getCode().hasText()).isFalse();
        assertThat(resource.getPriority()).isEqualTo(ServiceRequestPriority.ROUTINE);
    }

    @Test
    void statusAndPriorityTables() {
        assertThat(ServiceRequestResources.status(FhirOrderState.PLACED)).isEqualTo(ServiceRequestStatus.ACTIVE);
        assertThat(ServiceRequestResources.status(FhirOrderState.SCHEDULED)).isEqualTo(ServiceRequestStatus.ACTIVE);
        assertThat(ServiceRequestResources.status(FhirOrderState.IN_PROGRESS)).isEqualTo(ServiceRequestStatus.ACTIVE);
        assertThat(ServiceRequestResources.status(FhirOrderState.COMPLETED))
                .isEqualTo(ServiceRequestStatus.COMPLETED);
        assertThat(ServiceRequestResources.status(FhirOrderState.CANCELLED)).isEqualTo(ServiceRequestStatus.REVOKED);
        assertThat(ServiceRequestResources.status(FhirOrderState.DISCONTINUED))
                .isEqualTo(ServiceRequestStatus.REVOKED);
        assertThat(ServiceRequestResources.states(ServiceRequestStatus.REVOKED))
                .containsExactlyInAnyOrder(FhirOrderState.CANCELLED, FhirOrderState.DISCONTINUED);
        assertThat(ServiceRequestResources.states(ServiceRequestStatus.DRAFT)).isEmpty();

        assertThat(ServiceRequestResources.priority(OrderPriority.HIGH)).isEqualTo(ServiceRequestPriority.ASAP);
        assertThat(ServiceRequestResources.priority(OrderPriority.MEDIUM)).isEqualTo(ServiceRequestPriority.ROUTINE);
        assertThat(ServiceRequestResources.priority(ServiceRequestPriority.URGENT)).isEqualTo(OrderPriority.HIGH);
        assertThat(ServiceRequestResources.priority(ServiceRequestPriority.ASAP)).isEqualTo(OrderPriority.HIGH);
        assertThat(ServiceRequestResources.priority(ServiceRequestPriority.STAT)).isEqualTo(OrderPriority.STAT);
        assertThat(ServiceRequestResources.priority((ServiceRequestPriority) null)).isEqualTo(OrderPriority.ROUTINE);
    }

    @Test
    void codingSchemesAndSystemsBothWays() {
        CodingSystems codes = SYSTEMS.codes();
        assertThat(codes.systemOf("LN")).isEqualTo("http://loinc.org");
        assertThat(codes.systemOf("St Mary")).isEqualTo("urn:rispacs:coding-scheme:St%20Mary");
        assertThat(codes.schemeOf("urn:rispacs:coding-scheme:St%20Mary")).contains("St Mary");
        assertThat(codes.schemeOf("http://hospital.example/procedures")).contains("RIS");
        assertThat(codes.schemeOf("urn:rispacs:coding-scheme:RIS")).as("RIS has its configured system").isEmpty();
        assertThat(codes.schemeOf("http://elsewhere.example")).isEmpty();
        assertThat(codes.systemOf(null)).isNull();
    }
}
