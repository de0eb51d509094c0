package org.rispacs.command.order;

/** Set validation for Study Instance UIDs handed to modalities: one order per UID, ever. */
public interface StudyInstanceUids {

    /** Takes the UID for the order; false when another order holds it (true again for the same order). */
    boolean claim(String studyInstanceUid, String orderId);
}
