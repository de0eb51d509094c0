package org.rispacs.app.security;

import java.io.Serializable;
import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * What an EHR launched us for, from its token response: the patient (a FHIR Patient id), and the
 * study ({@code imagingstudy}: a Study Instance UID, our ImagingStudy id) or the order
 * ({@code servicerequest}: our order id, or {@code accession}). Any of them may be absent.
 *
 * @param ehr            the configured name of the EHR
 * @param iss            its FHIR base
 * @param patient        the patient in context
 * @param imagingStudy   the study in context
 * @param serviceRequest the order in context
 * @param accession      the accession number of the order in context
 */
public record SmartLaunchContext(String ehr, String iss, String patient, String imagingStudy, String serviceRequest,
                                 String accession) implements Serializable {

    /** Why a launch was refused: a request attribute the launch page shows (set when nothing was started). */
    public static final String REFUSAL = SmartLaunchContext.class.getName() + ".REFUSAL";

    /** The launch context of a session begun by an EHR launch, if this one was. */
    public static Optional<SmartLaunchContext> of(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof SmartLaunchUser user
                ? Optional.of(user.context()) : Optional.empty();
    }
}
