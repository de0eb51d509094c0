package org.rispacs.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class DeclaredIncludesOnlyTest {

    @Test
    void aResourceKeepsTheIncludesItsSearchDeclaresAndOneThatDeclaresNoneKeepsNone() {
        CapabilityStatement capabilities = new CapabilityStatement();
        CapabilityStatementRestResourceComponent orders = capabilities.addRest().addResource().setType(
                "ServiceRequest");
        orders.addSearchRevInclude("ImagingStudy:basedon").addSearchRevInclude("AuditEvent:entity");
        orders.addSearchInclude("*");
        CapabilityStatementRestResourceComponent patients = capabilities.getRestFirstRep().addResource()
                .setType("Patient");
        patients.addSearchRevInclude("ServiceRequest:patient");
        patients.addSearchInclude("*").addSearchInclude("Patient:link");

        new DeclaredIncludesOnly(FhirContext.forR4Cached(), List.of(new Orders(), new Patients()))
                .trim(capabilities);

        assertThat(orders.getSearchRevInclude()).extracting(StringType::getValue)
                .containsExactly("ImagingStudy:basedon");
        assertThat(orders.getSearchInclude()).isEmpty();
        assertThat(patients.getSearchRevInclude()).isEmpty();
        assertThat(patients.getSearchInclude()).extracting(StringType::getValue).containsExactly("Patient:link");
    }

    static final class Orders implements IResourceProvider {

        @Override
        public Class<ServiceRequest> getResourceType() {
            return ServiceRequest.class;
        }

        @Search
        public List<ServiceRequest> search(@IncludeParam(reverse = true, allow = "ImagingStudy:basedon")
                                           Set<Include> revIncludes) {
            return List.of();
        }
    }

    static final class Patients implements IResourceProvider {

        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Search
        public List<Patient> search(@IncludeParam(allow = "Patient:link") Set<Include> includes) {
            return List.of();
        }
    }
}
