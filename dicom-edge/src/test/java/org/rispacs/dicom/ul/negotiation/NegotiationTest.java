package org.rispacs.dicom.ul.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rispacs.dicom.ul.pdu.AssociateAc;
import org.rispacs.dicom.ul.pdu.AssociateRj;
import org.rispacs.dicom.ul.pdu.AssociateRq;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.rispacs.dicom.ul.pdu.PresentationContextResult;
import org.rispacs.dicom.ul.pdu.RoleSelection;
import org.rispacs.dicom.ul.pdu.UserInformation;

class NegotiationTest {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String IMPLICIT = "1.2.840.10008.1.2";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";
    static final String JPEG = "1.2.840.10008.1.2.4.50";

    static final Map<String, Set<String>> SYNTAXES = Map.of(VERIFICATION, Set.of(IMPLICIT, EXPLICIT),
            CT, Set.of(IMPLICIT, EXPLICIT, JPEG));
    static final AcceptorPolicy POLICY = new AcceptorPolicy(
            new AcceptorPolicy.Identity("RISPACS", Set.of(), 65536, "1.2.3", "TEST"),
            sopClass -> SYNTAXES.getOrDefault(sopClass, Set.of()));

    static AssociateRq request(String called, String calling, int version, PresentationContextProposal... contexts) {
        return new AssociateRq(version, called, calling, Negotiation.DICOM_APPLICATION_CONTEXT, List.of(contexts),
                new UserInformation(16384, "9.9", null, null, List.of(new RoleSelection(CT, true, true)), List.of()));
    }

    @Test
    void acceptsTheFirstProposedTransferSyntaxWeSupport() {
        AssociateAc accepted = (AssociateAc) Negotiation.answer(request("RISPACS", "CT1", 1,
                new PresentationContextProposal(1, CT, List.of("1.2.840.10008.1.2.4.99", JPEG, IMPLICIT)),
                new PresentationContextProposal(3, "1.2.3.4.5", List.of(IMPLICIT)),
                new PresentationContextProposal(5, VERIFICATION, List.of(JPEG))), POLICY);
        assertThat(accepted.presentationContexts()).containsExactly(
                new PresentationContextResult(1, PresentationContextResult.ACCEPTANCE, JPEG),
                new PresentationContextResult(3, PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, null),
                new PresentationContextResult(5, PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED, null));
        assertThat(accepted.userInformation().maxPduLength()).isEqualTo(65536);
        assertThat(accepted.userInformation().roleSelections()).containsExactly(new RoleSelection(CT, true, false));
    }

    @Test
    void rejectsWithTheReasonTheStandardNames() {
        PresentationContextProposal echo = new PresentationContextProposal(1, VERIFICATION, List.of(IMPLICIT));
        assertThat(Negotiation.answer(request("OTHER", "CT1", 1, echo), POLICY))
                .isEqualTo(new AssociateRj(1, AssociateRj.SOURCE_SERVICE_USER, AssociateRj.CALLED_AE_NOT_RECOGNIZED));
        AcceptorPolicy onlyCt1 = new AcceptorPolicy(
                new AcceptorPolicy.Identity("RISPACS", Set.of("CT1"), 65536, "1.2.3", "TEST"),
                POLICY.transferSyntaxes());
        assertThat(Negotiation.answer(request("RISPACS", "MR9", 1, echo), onlyCt1))
                .isEqualTo(new AssociateRj(1, AssociateRj.SOURCE_SERVICE_USER, AssociateRj.CALLING_AE_NOT_RECOGNIZED));
        assertThat(Negotiation.answer(request("RISPACS", "CT1", 2, echo), POLICY))
                .isEqualTo(new AssociateRj(1, AssociateRj.SOURCE_SERVICE_PROVIDER_ACSE,
                        AssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED));
        assertThat(Negotiation.answer(request("RISPACS", "CT1", 1,
                        new PresentationContextProposal(1, "1.2.3.4.5", List.of(IMPLICIT))), POLICY))
                .isEqualTo(new AssociateRj(1, AssociateRj.SOURCE_SERVICE_USER, AssociateRj.NO_REASON_GIVEN));
    }

    @Test
    void announcesThePduLimitSetForTheCallingPeer() {
        AcceptorPolicy perPeer = new AcceptorPolicy(new AcceptorPolicy.Identity("RISPACS", calling -> true,
                calling -> calling.equals("OLDCT") ? 16384 : 262144, "1.2.3", "TEST"), POLICY.transferSyntaxes());
        PresentationContextProposal echo = new PresentationContextProposal(1, VERIFICATION, List.of(IMPLICIT));
        assertThat(((AssociateAc) Negotiation.answer(request("RISPACS", "OLDCT", 1, echo), perPeer))
                .userInformation().maxPduLength()).isEqualTo(16384);
        assertThat(((AssociateAc) Negotiation.answer(request("RISPACS", "CT1", 1, echo), perPeer))
                .userInformation().maxPduLength()).isEqualTo(262144);
    }

    @Test
    void givesARetrievingRequestorTheScpRoleForWhatWeSendBack() {
        AcceptorPolicy sendingCt = new AcceptorPolicy(POLICY.identity(), sopClass -> sopClass.equals(MR)
                ? Set.of(EXPLICIT) : POLICY.transferSyntaxes().apply(sopClass), CT::equals);
        AssociateRq retrieving = new AssociateRq(1, "RISPACS", "GETSCU", Negotiation.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextProposal(1, CT, List.of(EXPLICIT, IMPLICIT)),
                        new PresentationContextProposal(3, MR, List.of(EXPLICIT)),
                        new PresentationContextProposal(5, VERIFICATION, List.of(IMPLICIT))),
                new UserInformation(16384, "9.9", null, null, List.of(new RoleSelection(CT, false, true),
                        new RoleSelection(MR, false, true)), List.of()));

        AssociateAc accepted = (AssociateAc) Negotiation.answer(retrieving, sendingCt);

        assertThat(accepted.userInformation().roleSelections()).containsExactly(new RoleSelection(CT, false, true),
                new RoleSelection(MR, false, false));
        assertThat(accepted.presentationContexts()).containsExactly(
                new PresentationContextResult(1, PresentationContextResult.ACCEPTANCE, EXPLICIT),
                new PresentationContextResult(3, PresentationContextResult.ACCEPTANCE, EXPLICIT),
                new PresentationContextResult(5, PresentationContextResult.ACCEPTANCE, IMPLICIT));
    }

    @Test
    void keepsTheRequestorsScuRoleWhereItAsksForBoth() {
        AcceptorPolicy sendingCt = new AcceptorPolicy(POLICY.identity(), POLICY.transferSyntaxes(), CT::equals);
        AssociateAc accepted = (AssociateAc) Negotiation.answer(request("RISPACS", "CT1", 1,
                new PresentationContextProposal(1, CT, List.of(IMPLICIT))), sendingCt);
        assertThat(accepted.userInformation().roleSelections()).containsExactly(new RoleSelection(CT, true, true));
    }

    @Test
    void givesNoScpRoleWhereWeSendNothingBack() {
        AssociateAc accepted = (AssociateAc) Negotiation.answer(new AssociateRq(1, "RISPACS", "GETSCU",
                Negotiation.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextProposal(1, CT, List.of(IMPLICIT))),
                new UserInformation(16384, "9.9", null, null, List.of(new RoleSelection(CT, false, true)), List.of())),
                POLICY);
        assertThat(accepted.userInformation().roleSelections()).containsExactly(new RoleSelection(CT, false, false));
    }

    @Test
    void answersNoRoleSelectionWhereNoneWasProposed() {
        AcceptorPolicy sendingCt = new AcceptorPolicy(POLICY.identity(), POLICY.transferSyntaxes(), CT::equals);
        AssociateAc accepted = (AssociateAc) Negotiation.answer(new AssociateRq(1, "RISPACS", "CT1",
                Negotiation.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextProposal(1, CT, List.of(IMPLICIT))),
                new UserInformation(16384, "9.9", null, null, List.of(), List.of())), sendingCt);
        assertThat(accepted.presentationContexts()).containsExactly(
                new PresentationContextResult(1, PresentationContextResult.ACCEPTANCE, IMPLICIT));
        assertThat(accepted.userInformation().roleSelections()).isEmpty();
    }
}
