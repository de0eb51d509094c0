package org.rispacs.dicom.ul.pdu;

import java.util.List;

public record AssociateRq(
        int protocolVersion,
        String calledAeTitle,
        String callingAeTitle,
        String applicationContext,
        List<PresentationContextProposal> presentationContexts,
        UserInformation userInformation) implements Pdu {

    public AssociateRq {
        presentationContexts = List.copyOf(presentationContexts);
    }
}
