package org.rispacs.app.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.rispacs.api.order.OrderPriority;

/** The body of {@code POST /api/orders}; the fields after {@code priority} are optional. */
record PlaceOrderRequest(
        @NotBlank @Size(max = 64) String patientId,
        @NotBlank @Size(max = 64) String patientIdIssuer,
        @NotBlank @Size(max = 64) String procedureCode,
        @NotBlank @Pattern(regexp = "[A-Z0-9_]{1,16}", message = "must be a DICOM modality code such as CT, MR, US")
        String modality,
        @NotNull OrderPriority priority,
        @Size(max = 64) String procedureCodingScheme,
        @Size(max = 64) String procedureDescription,
        @Size(max = 64) String placerOrderNumber,
        @Size(max = 16) String accessionNumber,
        @Size(max = 1024) String reason,
        @Size(max = 128) String orderingProvider) {
}
