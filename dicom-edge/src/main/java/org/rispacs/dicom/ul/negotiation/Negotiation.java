package org.rispacs.dicom.ul.negotiation;

import java.util.ArrayList;
import java.util.List;
import org.rispacs.dicom.ul.pdu.AssociateAc;
import org.rispacs.dicom.ul.pdu.AssociateRj;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.Pdu;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.PresentationContextResult;
import org.rispacs.dicom.ul.pdu.UserInformation;

/** Association negotiation as a pure function of the request and our policy (PS3.8 7.1, PS3.7 D.3.3). */
public final class Negotiation {

    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    private Negotiation() {
    }

    /** An A-ASSOCIATE-AC or an A-ASSOCIATE-RJ with the reason. */
    public static Pdu answer(AssociateRq request, AcceptorPolicy policy) {
        if ((request.protocolVersion() & 0x0001) == 0) {
            return new AssociateRj(AssociateRj.REJECTED_PERMANENT, AssociateRj.SOURCE_SERVICE_PROVIDER_ACSE,
                    AssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED);
        }
        if (!DICOM_APPLICATION_CONTEXT.equals(request.applicationContext())) {
            return userRejection(AssociateRj.APPLICATION_CONTEXT_NOT_SUPPORTED);
        }
        if (!policy.identity().aeTitle().equals(request.calledAeTitle())) {
            return userRejection(AssociateRj.CALLED_AE_NOT_RECOGNIZED);
        }
        if (!policy.identity().admits(request.callingAeTitle())) {
            return userRejection(AssociateRj.CALLING_AE_NOT_RECOGNIZED);
        }
        List<PresentationContextResult> results = new ArrayList<>();
        for (PresentationContextProposal proposal : request.presentationContexts()) {
            results.add(negotiate(proposal, policy));
        }
        if (results.stream().noneMatch(PresentationContextResult::accepted)) {
            return userRejection(AssociateRj.NO_REASON_GIVEN);
        }
        UserInformation proposed = request.userInformation();
        UserInformation ours = new UserInformation(policy.identity().maxPduLength(request.callingAeTitle()),
                policy.identity().implementationClassUid(), policy.identity().implementationVersion(),
                proposed.asyncOperationsWindow() == null ? null : new UserInformation.AsyncOperationsWindow(1, 1),
                proposed.roleSelections().stream().map(policy::answer).toList(),
                List.of());
        return new AssociateAc(1, request.calledAeTitle(), request.callingAeTitle(), DICOM_APPLICATION_CONTEXT,
                results, ours);
    }

    /** The first transfer syntax of the requestor's list that we accept for the abstract syntax. */
    static PresentationContextResult negotiate(PresentationContextProposal proposal, AcceptorPolicy policy) {
        if (!policy.supports(proposal.abstractSyntax())) {
            return new PresentationContextResult(proposal.id(),
                    PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, null);
        }
        List<String> acceptable = policy.acceptableOf(proposal.abstractSyntax(), proposal.transferSyntaxes());
        if (acceptable.isEmpty()) {
            return new PresentationContextResult(proposal.id(),
                    PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED, null);
        }
        return new PresentationContextResult(proposal.id(), PresentationContextResult.ACCEPTANCE, acceptable.get(0));
    }

    private static AssociateRj userRejection(int reason) {
        return new AssociateRj(AssociateRj.REJECTED_PERMANENT, AssociateRj.SOURCE_SERVICE_USER, reason);
    }
}
