package org.rispacs.command.order;

/**
 * Set validation for accession numbers: no two orders ever hold one number. Registrations are
 * part of the command's transaction, so an order whose events are not stored leaves none behind.
 */
public interface AccessionNumberAllocator {

    /** A fresh accession number, registered to {@code orderId}. */
    String allocate(String orderId);

    /** Registers a number supplied by the placer; false when another order holds it. */
    boolean claim(String accessionNumber, String orderId);
}
