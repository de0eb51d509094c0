package org.rispacs.fhir.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Endpoint.EndpointStatus;
import org.junit.jupiter.api.Test;

class EndpointResourceProviderTest {

    @Test
    void ourDicomWebServiceIsAnActiveWadoRsEndpointAtItsAddress() {
        Endpoint endpoint = EndpointResourceProvider.dicomWeb("https://pacs.example/dicomweb");

        assertThat(endpoint.getIdElement().getIdPart()).isEqualTo("dicomweb");
        assertThat(endpoint.getStatus()).isEqualTo(EndpointStatus.ACTIVE);
        assertThat(endpoint.getConnectionType().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/endpoint-connection-type");
        assertThat(endpoint.getConnectionType().getCode()).isEqualTo("dicom-wado-rs");
        assertThat(endpoint.getPayloadTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("any");
        assertThat(endpoint.getPayloadMimeType()).extracting(Object::toString).containsExactly("application/dicom");
        assertThat(endpoint.getAddress()).isEqualTo("https://pacs.example/dicomweb");
    }

    @Test
    void aConfiguredAddressIsTakenAsItIsWithoutATrailingSlash() {
        assertThat(new DicomWebAddress("https://pacs.example/images/dicomweb/ ", "/dicomweb").of(null))
                .isEqualTo("https://pacs.example/images/dicomweb");
    }
}
