package org.rispacs.hl7.inbound;

/** What identifies a message for duplicate detection: MSH-10 is unique only per sender (MSH-3, MSH-4). */
public record MessageKey(String sendingApplication, String sendingFacility, String controlId) {
}
