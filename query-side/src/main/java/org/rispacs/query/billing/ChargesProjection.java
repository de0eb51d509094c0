package org.rispacs.query.billing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.rispacs.api.billing.ChargeCapturedEvent;
import org.rispacs.api.billing.ChargeStatus;
import org.rispacs.api.billing.ChargeView;
import org.rispacs.api.billing.ChargeVoidedEvent;
import org.rispacs.api.billing.ClaimDeniedEvent;
import org.rispacs.api.billing.ClaimPaidEvent;
import org.rispacs.api.billing.ClaimSubmittedEvent;
import org.rispacs.api.billing.FindChargesQuery;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** The billing queue: one document per charge, with the state of its latest claim. */
@Component
@ProcessingGroup(BillingProjections.PROCESSING_GROUP)
class ChargesProjection {

    private final ElasticsearchClient client;
    private final ReadModelIndex index;

    ChargesProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.index = indexes.prepare(BillingProjections.PROCESSING_GROUP, "billing-charges");
    }

    @EventHandler
    void on(ChargeCapturedEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("chargeId", event.chargeId());
        fields.put("orderId", event.orderId());
        fields.put("studyInstanceUid", event.studyInstanceUid());
        fields.put("patientId", event.patient().id());
        fields.put("issuerOfPatientId", event.patient().issuer());
        fields.put("procedureCode", event.procedure().code());
        fields.put("procedureDescription", event.procedure().meaning());
        fields.put("modality", event.modality());
        fields.put("status", ChargeStatus.CAPTURED.name());
        fields.put("capturedAt", when.toString());
        fields.put("updatedAt", when.toString());
        upsert(event.chargeId(), fields);
    }

    @EventHandler
    void on(ChargeVoidedEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = status(ChargeStatus.VOIDED, when);
        fields.put("voidReason", event.reason());
        upsert(event.chargeId(), fields);
    }

    @EventHandler
    void on(ClaimSubmittedEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = status(ChargeStatus.CLAIM_SUBMITTED, when);
        fields.put("claimId", event.claimId());
        fields.put("denialReason", null);
        upsert(event.chargeId(), fields);
    }

    @EventHandler
    void on(ClaimDeniedEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = status(ChargeStatus.CLAIM_DENIED, when);
        fields.put("claimId", event.claimId());
        fields.put("denialReason", event.reason());
        upsert(event.chargeId(), fields);
    }

    @EventHandler
    void on(ClaimPaidEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = status(ChargeStatus.PAID, when);
        fields.put("claimId", event.claimId());
        fields.put("amount", event.amount() == null ? null : event.amount().toPlainString());
        fields.put("currency", event.currency());
        upsert(event.chargeId(), fields);
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    @QueryHandler
    List<ChargeView> handle(FindChargesQuery query) throws IOException {
        return BillingProjections.page(client, index.name(), query.status(), "capturedAt", SortOrder.Asc,
                "chargeId", query.page(), query.size()).stream().map(ChargesProjection::view).toList();
    }

    private static ChargeView view(Map<?, ?> source) {
        return new ChargeView(text(source, "chargeId"), text(source, "orderId"), text(source, "studyInstanceUid"),
                text(source, "patientId"), text(source, "issuerOfPatientId"), text(source, "procedureCode"),
                text(source, "procedureDescription"), text(source, "modality"),
                ChargeStatus.valueOf(text(source, "status")), text(source, "claimId"), text(source, "denialReason"),
                text(source, "voidReason"), BillingProjections.amount(source), text(source, "currency"),
                BillingProjections.instant(source, "capturedAt"), BillingProjections.instant(source, "updatedAt"));
    }

    private static String text(Map<?, ?> source, String field) {
        Object value = source.get(field);
        return value == null ? null : value.toString();
    }

    private static Map<String, Object> status(ChargeStatus status, Instant when) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", status.name());
        fields.put("updatedAt", when.toString());
        return fields;
    }

    private void upsert(String chargeId, Map<String, Object> fields) throws IOException {
        index.upsert(chargeId, fields);
    }
}
