package org.rispacs.dicom.ul.negotiation;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.rispacs.dicom.ul.pdu.RoleSelection;

/**
 * What an acceptor (SCP) agrees to.
 *
 * @param identity         who we are and whom we admit
 * @param transferSyntaxes per abstract syntax, the transfer syntaxes we accept for it (empty: not supported)
 * @param sendsAsScu       the SOP classes whose requests we send to the requestor on its own association
 *                         (C-GET's C-STORE sub-operations): for these a requestor asking for the SCP role
 *                         in an SCP/SCU Role Selection (PS3.7 D.3.3.4) gets it
 */
public record AcceptorPolicy(Identity identity, Function<String, Set<String>> transferSyntaxes,
                             Predicate<String> sendsAsScu) {

    /** A policy that lets no requestor take the SCP role. */
    public AcceptorPolicy(Identity identity, Function<String, Set<String>> transferSyntaxes) {
        this(identity, transferSyntaxes, sopClass -> false);
    }

    /**
     * @param aeTitle                our AE title; requests addressed to another are rejected
     * @param admitsCallingAeTitle   who may associate
     * @param maxPduLengthFor        per calling AE title, the largest P-DATA-TF PDU we receive (announced
     *                               to the peer); never more than the association's receive limit
     * @param implementationClassUid ours, announced in every A-ASSOCIATE-AC
     * @param implementationVersion  ours, announced too
     */
    public record Identity(String aeTitle, Predicate<String> admitsCallingAeTitle,
                           ToLongFunction<String> maxPduLengthFor, String implementationClassUid,
                           String implementationVersion) {

        /** The same for every peer: {@code allowedCallingAeTitles} empty admits any calling AE title. */
        public Identity(String aeTitle, Set<String> allowedCallingAeTitles, long maxPduLength,
                        String implementationClassUid, String implementationVersion) {
            this(aeTitle, anyOrListed(Set.copyOf(allowedCallingAeTitles)), callingAeTitle -> maxPduLength,
                    implementationClassUid, implementationVersion);
        }

        private static Predicate<String> anyOrListed(Set<String> allowed) {
            return callingAeTitle -> allowed.isEmpty() || allowed.contains(callingAeTitle);
        }

        public boolean admits(String callingAeTitle) {
            return admitsCallingAeTitle.test(callingAeTitle);
        }

        public long maxPduLength(String callingAeTitle) {
            return maxPduLengthFor.applyAsLong(callingAeTitle);
        }
    }

    boolean supports(String abstractSyntax) {
        return !transferSyntaxes.apply(abstractSyntax).isEmpty();
    }

    /**
     * Our answer to a requestor's role selection: its SCU role as proposed (we are the SCP of what
     * we accept), its SCP role only where it proposed it and we send that SOP class as SCU.
     */
    RoleSelection answer(RoleSelection proposed) {
        return new RoleSelection(proposed.sopClassUid(), proposed.scu(),
                proposed.scp() && sendsAsScu.test(proposed.sopClassUid()));
    }

    List<String> acceptableOf(String abstractSyntax, List<String> proposed) {
        Set<String> ours = transferSyntaxes.apply(abstractSyntax);
        return proposed.stream().filter(ours::contains).toList();
    }
}
