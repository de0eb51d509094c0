package org.rispacs.api.order;

import org.rispacs.api.common.ProcedureCode;

/**
 * What the placer said of an order beyond the procedure itself, kept so that what goes back to it
 * (ORU, DFT, the DICOM worklist) can carry it.
 *
 * @param placerNamespace    the namespace of the placer order number (ORC-2.2 / OBR-2.2, EI)
 * @param orderingProviderId the ordering provider's id (ORC-12.1 / OBR-16.1, XCN); the name is the
 *                           order's ordering provider
 * @param serviceSection     the diagnostic service section as sent (OBR-24)
 * @param visit              the encounter (PV1), null when the message had none
 * @param diagnosis          the coded diagnosis (DG1-3, else OBR-31 when coded), null when none
 */
public record PlacerDetails(
        String placerNamespace,
        String orderingProviderId,
        String serviceSection,
        Visit visit,
        ProcedureCode diagnosis) {
}
