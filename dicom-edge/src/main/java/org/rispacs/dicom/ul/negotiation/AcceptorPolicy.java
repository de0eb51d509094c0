package org.rispacs.dicom.ul.negotiation;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an acceptor (SCP) agrees to.
 *
 * @param aeTitle                 our AE title; requests addressed to another are rejected
 * @param allowedCallingAeTitles  who may associate; empty admits any calling AE title
 * @param transferSyntaxes        per abstract syntax, the transfer syntaxes we accept for it
 * @param maxPduLength            the largest P-DATA-TF PDU we receive (announced to the peer)
 * @param implementationClassUid  ours, announced in every A-ASSOCIATE-AC
 * @param implementationVersion   ours, announced too
 */
public record AcceptorPolicy(
        String aeTitle,
        Set<String> allowedCallingAeTitles,
        Map<String, Set<String>> transferSyntaxes,
        long maxPduLength,
        String implementationClassUid,
        String implementationVersion) {

    public AcceptorPolicy {
        allowedCallingAeTitles = Set.copyOf(allowedCallingAeTitles);
        transferSyntaxes = Map.copyOf(transferSyntaxes);
    }

    public boolean admits(String callingAeTitle) {
        return allowedCallingAeTitles.isEmpty() || allowedCallingAeTitles.contains(callingAeTitle);
    }

    List<String> acceptableOf(String abstractSyntax, List<String> proposed) {
        Set<String> ours = transferSyntaxes.get(abstractSyntax);
        return ours == null ? List.of() : proposed.stream().filter(ours::contains).toList();
    }
}
