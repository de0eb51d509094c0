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
import org.rispacs.api.billing.ClaimDeniedEvent;
import org.rispacs.api.billing.ClaimPaidEvent;
import org.rispacs.api.billing.ClaimStatus;
import org.rispacs.api.billing.ClaimSubmittedEvent;
import org.rispacs.api.billing.ClaimView;
import org.rispacs.api.billing.FindClaimsQuery;
import org.rispacs.query.elasticsearch.ReadModelIndex;
import org.rispacs.query.elasticsearch.ReadModelIndexes;
import org.springframework.stereotype.Component;

/** Every claim submitted, one document per claim id, so that a resubmission after denial keeps the denied one. */
@Component
@ProcessingGroup(BillingProjections.PROCESSING_GROUP)
class ClaimsProjection {

    private final ElasticsearchClient client;
    private final ReadModelIndex index;
    private final ReadModelIndex charges;

    ClaimsProjection(ElasticsearchClient client, ReadModelIndexes indexes) {
        this.client = client;
        this.index = indexes.prepare(BillingProjections.PROCESSING_GROUP, "billing-claims");
        this.charges = indexes.ofSameGroup("billing-charges");
    }

    @EventHandler
    void on(ClaimSubmittedEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("claimId", event.claimId());
        fields.put("chargeId", event.chargeId());
        fields.put("status", ClaimStatus.SUBMITTED.name());
        fields.put("denialReason", null);
        fields.put("submittedAt", when.toString());
        // the charge was captured earlier in this processing group; a get by id needs no refresh
        Map<String, Object> charge = charges.find(event.chargeId());
        if (charge != null) {
            fields.put("patientId", charge.get("patientId"));
            fields.put("issuerOfPatientId", charge.get("issuerOfPatientId"));
        }
        upsert(event.claimId(), fields);
    }

    @EventHandler
    void on(ClaimDeniedEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", ClaimStatus.DENIED.name());
        fields.put("denialReason", event.reason());
        fields.put("decidedAt", when.toString());
        upsert(event.claimId(), fields);
    }

    @EventHandler
    void on(ClaimPaidEvent event, @Timestamp Instant when) throws IOException {
        Map<String, Object> fields = new HashMap<>();
        fields.put("status", ClaimStatus.PAID.name());
        fields.put("amount", event.amount() == null ? null : event.amount().toPlainString());
        fields.put("currency", event.currency());
        fields.put("decidedAt", when.toString());
        upsert(event.claimId(), fields);
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    @QueryHandler
    List<ClaimView> handle(FindClaimsQuery query) throws IOException {
        return BillingProjections.page(client, index.name(), query.status(), "submittedAt", SortOrder.Desc,
                "claimId", query.page(), query.size()).stream().map(ClaimsProjection::view).toList();
    }

    private static ClaimView view(Map<?, ?> source) {
        Object denial = source.get("denialReason");
        Object currency = source.get("currency");
        return new ClaimView(source.get("claimId").toString(), source.get("chargeId").toString(),
                text(source, "patientId"), text(source, "issuerOfPatientId"),
                ClaimStatus.valueOf(source.get("status").toString()), denial == null ? null : denial.toString(),
                BillingProjections.amount(source), currency == null ? null : currency.toString(),
                BillingProjections.instant(source, "submittedAt"), BillingProjections.instant(source, "decidedAt"));
    }

    private static String text(Map<?, ?> source, String field) {
        Object value = source.get(field);
        return value == null ? null : value.toString();
    }

    private void upsert(String claimId, Map<String, Object> fields) throws IOException {
        index.upsert(claimId, fields);
    }
}
