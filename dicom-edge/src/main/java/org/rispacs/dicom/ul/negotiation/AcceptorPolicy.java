package org.rispacs.dicom.ul.negotiation;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What an acceptor (SCP) agrees to.
 *
 * @param identity         who we are and whom we admit
 * @param transferSyntaxes per abstract syntax, the transfer syntaxes we accept for it (empty: not supported)
 */
public record AcceptorPolicy(Identity identity, Function<String, Set<String>> transferSyntaxes) {

    /**
     * @param aeTitle                our AE title; requests addressed to another are rejected
     * @param allowedCallingAeTitles who may associate; empty admits any calling AE title
     * @param maxPduLength           the largest P-DATA-TF PDU we receive (announced to the peer)
     * @param implementationClassUid ours, announced in every A-ASSOCIATE-AC
     * @param implementationVersion  ours, announced too
     */
    public record Identity(String aeTitle, Set<String> allowedCallingAeTitles, long maxPduLength,
                           String implementationClassUid, String implementationVersion) {

        public Identity {
            allowedCallingAeTitles = Set.copyOf(allowedCallingAeTitles);
        }

        public boolean admits(String callingAeTitle) {
            return allowedCallingAeTitles.isEmpty() || allowedCallingAeTitles.contains(callingAeTitle);
        }
    }

    boolean supports(String abstractSyntax) {
        return !transferSyntaxes.apply(abstractSyntax).isEmpty();
    }

    List<String> acceptableOf(String abstractSyntax, List<String> proposed) {
        Set<String> ours = transferSyntaxes.apply(abstractSyntax);
        return proposed.stream().filter(ours::contains).toList();
    }
}
