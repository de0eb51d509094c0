package org.rispacs.dicom.ul.pdu;

import java.util.List;

/** Called and calling AE titles are echoed from the request (PS3.8 9.3.3: not to be tested on receipt). */
public record AssociateAc(
        int protocolVersion,
        String calledAeTitle,
        String callingAeTitle,
        String applicationContext,
        List<PresentationContextResult> presentationContexts,
        UserInformation userInformation) implements Pdu {

    public AssociateAc {
        presentationContexts = List.copyOf(presentationContexts);
    }
}
