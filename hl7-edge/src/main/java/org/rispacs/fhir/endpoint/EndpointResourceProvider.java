package org.rispacs.fhir.endpoint;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.Endpoint.EndpointStatus;
import org.hl7.fhir.r4.model.IdType;

/**
 * {@code Endpoint}: read of the one endpoint we have, our DICOMweb service ({@value #DICOMWEB}),
 * which every ImagingStudy names so that a client can fetch its images (WADO-RS) with the same
 * credentials. It shows no patient data, so reading it records no access.
 */
public class EndpointResourceProvider implements IResourceProvider {

    public static final String DICOMWEB = "dicomweb";
    static final String CONNECTION_TYPES = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";
    static final String PAYLOAD_TYPES = "http://terminology.hl7.org/CodeSystem/endpoint-payload-type";

    private final DicomWebAddress address;

    public EndpointResourceProvider(DicomWebAddress address) {
        this.address = address;
    }

    @Override
    public Class<Endpoint> getResourceType() {
        return Endpoint.class;
    }

    @Read
    public Endpoint read(@IdParam IdType id, HttpServletRequest request) {
        if (!DICOMWEB.equals(id.getIdPart())) {
            throw new ResourceNotFoundException(id);
        }
        return dicomWeb(address.of(request));
    }

    static Endpoint dicomWeb(String url) {
        Endpoint endpoint = new Endpoint();
        endpoint.setId(DICOMWEB);
        endpoint.setStatus(EndpointStatus.ACTIVE);
        endpoint.setConnectionType(new Coding(CONNECTION_TYPES, "dicom-wado-rs", "DICOM WADO-RS"));
        endpoint.setName("ris-pacs DICOMweb (WADO-RS, QIDO-RS, STOW-RS)");
        endpoint.addPayloadType().setText("DICOM").addCoding(new Coding(PAYLOAD_TYPES, "any", "Any"));
        endpoint.addPayloadMimeType("application/dicom");
        endpoint.setAddress(url);
        return endpoint;
    }
}
