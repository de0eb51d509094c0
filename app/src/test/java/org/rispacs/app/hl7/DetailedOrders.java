package org.rispacs.app.hl7;

import java.time.LocalDateTime;
import java.util.UUID;
import java.util.function.Consumer;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.PlacerDetails;
import org.rispacs.api.order.StartProcedureStepCommand;
import org.rispacs.api.order.Visit;

/**
 * An order as an EHR places it with everything the outbound messages echo (namespace, provider id,
 * visit, diagnosis), started on CT_SCANNER_1 at 08:05 on 2 January 2026.
 */
final class DetailedOrders {

    private DetailedOrders() {
    }

    static void placeAndStart(Consumer<Object> send, String orderId, PatientIdentifier patient, String placer) {
        send.accept(new PlaceOrderCommand(orderId, patient, placer, new ProcedureCode("CTCHEST", "LOCAL", "CT chest"),
                "CT", OrderPriority.ROUTINE, "cough for three weeks", "Welby^Marcus^A^Dr^Jr", null,
                new PlacerDetails("EPIC", "1234", "CT", new Visit("I", "4W^401^B", "V778899"),
                        new ProcedureCode("J18.9", "I10", "Pneumonia, unspecified"))));
        send.accept(new StartProcedureStepCommand(orderId, "2.25.7" + Math.abs(UUID.randomUUID()
                .getMostSignificantBits()), "CT_SCANNER_1", LocalDateTime.of(2026, 1, 2, 8, 5)));
    }
}
