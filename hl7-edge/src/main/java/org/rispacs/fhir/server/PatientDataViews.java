package org.rispacs.fhir.server;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.rispacs.api.common.PatientIdentifier;

/** Where the FHIR server records that a request was shown patient data (the access audit). */
public interface PatientDataViews {

    /** The answer to {@code request} showed these patients; nothing is recorded for none. */
    void viewed(HttpServletRequest request, String view, List<PatientIdentifier> patients);
}
