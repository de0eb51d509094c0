package org.rispacs.query.billing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.SortOrder;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
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
    void on(ClaimSubmittedEvent event, @Timestamp Instant when) {
        // the charge was captured earlier in this processing group; a get by id needs no refresh
        ChargeDocument charge = charges.find(event.chargeId(), ChargeDocument.class);
        index.upsert(event.claimId(), new ClaimSubmission(event.claimId(), event.chargeId(),
                charge == null ? null : charge.patientId(), charge == null ? null : charge.issuerOfPatientId(),
                ClaimStatus.SUBMITTED, null, when));
    }

    @EventHandler
    void on(ClaimDeniedEvent event, @Timestamp Instant when) {
        index.upsert(event.claimId(), ClaimDecision.denied(event.reason(), when));
    }

    @EventHandler
    void on(ClaimPaidEvent event, @Timestamp Instant when) {
        index.upsert(event.claimId(), ClaimDecision.paid(BillingProjections.amount(event.amount()), event.currency(),
                when));
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    @QueryHandler
    List<ClaimView> handle(FindClaimsQuery query) throws IOException {
        return BillingProjections.page(client, index.name(), query.status(), "submittedAt", SortOrder.Desc,
                "claimId", query.page(), query.size(), ClaimDocument.class).stream().map(ClaimDocument::view).toList();
    }
}
