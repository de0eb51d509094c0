package org.rispacs.dicom.ul.pdu;

import java.util.List;

/** A presentation context as proposed: one abstract syntax, its transfer syntaxes in preference order. */
public record PresentationContextProposal(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContextProposal {
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }
}
