package org.rispacs.command.order;

import java.util.Optional;

/** Which order holds an accession number (normalised), from the command side's own registry. */
public interface AccessionNumberLookup {

    Optional<String> orderIdFor(String accessionNumber);
}
