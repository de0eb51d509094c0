package org.rispacs.command.order;

/**
 * Set validation for accession numbers: hands out numbers that no other order holds. The
 * registration is part of the command's transaction, so an order whose events are not stored
 * leaves no number behind.
 */
public interface AccessionNumberAllocator {

    /** A fresh accession number, registered to {@code orderId}. */
    String allocate(String orderId);
}
