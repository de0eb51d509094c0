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
    void on(ChargeCapturedEvent event, @Timestamp Instant when) {
        index.upsert(event.chargeId(), ChargeDocument.captured(event, when));
    }

    @EventHandler
    void on(ChargeVoidedEvent event, @Timestamp Instant when) {
        index.upsert(event.chargeId(), new ChargeVoid(ChargeStatus.VOIDED, when, event.reason()));
    }

    @EventHandler
    void on(ClaimSubmittedEvent event, @Timestamp Instant when) {
        index.upsert(event.chargeId(), new ChargeClaim(ChargeStatus.CLAIM_SUBMITTED, when, event.claimId(), null));
    }

    @EventHandler
    void on(ClaimDeniedEvent event, @Timestamp Instant when) {
        index.upsert(event.chargeId(), new ChargeClaim(ChargeStatus.CLAIM_DENIED, when, event.claimId(),
                event.reason()));
    }

    @EventHandler
    void on(ClaimPaidEvent event, @Timestamp Instant when) {
        index.upsert(event.chargeId(), new ChargePayment(ChargeStatus.PAID, when, event.claimId(),
                BillingProjections.amount(event.amount()), event.currency()));
    }

    @ResetHandler
    void reset() {
        index.recreate();
    }

    @QueryHandler
    List<ChargeView> handle(FindChargesQuery query) throws IOException {
        return BillingProjections.page(client, index.name(), query.status(), "capturedAt", SortOrder.Asc,
                "chargeId", query.page(), query.size(), ChargeDocument.class).stream().map(ChargeDocument::view)
                .toList();
    }
}
