package org.rispacs.command.order;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The accession registry's contract in memory, for fixture tests (the JDBC one is tested on PostgreSQL). */
public class InMemoryAccessionNumbers implements AccessionNumberAllocator, AccessionNumberLookup {

    private final Map<String, String> orderByAccession = new HashMap<>();
    private int next;

    @Override
    public String allocate(String orderId) {
        String candidate;
        do {
            candidate = "TEST" + (++next);
        } while (!claim(candidate, orderId));
        return candidate;
    }

    @Override
    public boolean claim(String accessionNumber, String orderId) {
        return orderByAccession.putIfAbsent(accessionNumber, orderId) == null;
    }

    @Override
    public Optional<String> orderIdFor(String accessionNumber) {
        return Optional.ofNullable(orderByAccession.get(accessionNumber));
    }
}
