package org.rispacs.hl7.inbound;

/** Told of each message refused because its control id was used before for other content, for interface health. */
@FunctionalInterface
public interface ReusedControlIds {

    void reused(MessageKey key);
}
