package org.rispacs.app.reading;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.audit.AuditEntry;
import org.rispacs.api.audit.FindAuditTimelineQuery;
import org.rispacs.api.report.ReportAddendedEvent;
import org.rispacs.api.report.ReportDraftedEvent;
import org.rispacs.api.report.ReportRevisedEvent;
import org.rispacs.api.report.ReportSignedEvent;
import org.rispacs.api.report.ReportSignedPreliminaryEvent;
import org.springframework.stereotype.Component;

/**
 * A report as its author sees it, read from the report's own events in the event store (always
 * current, unlike a read model a moment behind), and its deliveries to the EHRs from the audit
 * timeline.
 */
@Component
class ReportHistory {

    private final EventStore eventStore;
    private final QueryGateway queries;
    private final ObjectMapper json = new ObjectMapper();

    ReportHistory(EventStore eventStore, QueryGateway queries) {
        this.eventStore = eventStore;
        this.queries = queries;
    }

    record Addendum(int number, String author, Instant at, String text) {
    }

    record Delivery(String destination, String status, String detail, Instant at) {
    }

    /**
     * @param revision      the text's revision as the aggregate counts it (the draft is 1, each changed text one
     *                      more, 0 before the draft); a page sends it back with an edit, so an edit based on an
     *                      older text is refused
     * @param draftedAt     when {@code author} drafted it
     * @param lastAuthor    who saved the current text, and {@code lastChangedAt} when
     */
    record Report(String reportId, String status, String text, String author, String signer, Instant signedAt,
                  List<Addendum> addenda, int revision, Instant draftedAt, String lastAuthor,
                  Instant lastChangedAt) {

        public boolean signedFinal() {
            return "FINAL".equals(status);
        }

        public boolean drafted() {
            return revision > 0;
        }
    }

    Report load(String reportId) {
        String status = "NONE";
        String text = "";
        String author = null;
        String signer = null;
        Instant signedAt = null;
        int revision = 0;
        Instant draftedAt = null;
        String lastAuthor = null;
        Instant lastChangedAt = null;
        List<Addendum> addenda = new ArrayList<>();
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(reportId).asStream().toList();
        for (DomainEventMessage<?> event : events) {
            Object payload = event.getPayload();
            if (payload instanceof ReportDraftedEvent drafted) {
                status = "DRAFT";
                text = drafted.text();
                author = drafted.author().name();
                draftedAt = event.getTimestamp();
                revision++;
                lastAuthor = author;
                lastChangedAt = draftedAt;
            } else if (payload instanceof ReportRevisedEvent revised) {
                text = revised.text();
                revision++;
                lastAuthor = revised.author().name();
                lastChangedAt = event.getTimestamp();
            } else if (payload instanceof ReportSignedPreliminaryEvent preliminary) {
                status = "PRELIMINARY";
                signer = preliminary.signer().name();
                signedAt = event.getTimestamp();
            } else if (payload instanceof ReportSignedEvent signed) {
                status = "FINAL";
                text = signed.text();
                signer = signed.signer().name();
                signedAt = event.getTimestamp();
            } else if (payload instanceof ReportAddendedEvent addended) {
                addenda.add(new Addendum(addended.addendumNumber(), addended.author().name(), event.getTimestamp(),
                        addended.text()));
            }
        }
        return new Report(reportId, status, text, author, signer, signedAt, addenda, revision, draftedAt,
                lastAuthor, lastChangedAt);
    }

    /** The latest state of each delivery of the report, per destination and version. */
    List<Delivery> deliveries(String reportId) {
        List<AuditEntry> entries = queries.query(new FindAuditTimelineQuery(null, null, null, null, reportId, null,
                null, null, 0, 500), ResponseTypes.multipleInstancesOf(AuditEntry.class)).join();
        Map<String, Delivery> byId = new java.util.LinkedHashMap<>();
        for (AuditEntry entry : entries) {
            if (!entry.type().startsWith("Deliver")) {
                continue;
            }
            Map<?, ?> payload = parse(entry.payload());
            String deliveryId = String.valueOf(payload.get("deliveryId"));
            String destination = String.valueOf(payload.get("destination"));
            switch (entry.type()) {
                case "DeliveryScheduledEvent" -> byId.put(deliveryId, new Delivery(destination, "PENDING",
                        "scheduled (" + payload.get("resultStatus") + ")", entry.timestamp()));
                case "DeliveredEvent" -> byId.put(deliveryId, new Delivery(destination, "DELIVERED",
                        "acknowledged " + payload.get("ackCode"), entry.timestamp()));
                case "DeliveryFailedEvent" -> byId.put(deliveryId, new Delivery(destination, "FAILED",
                        payload.get("attempts") + " attempts; " + payload.get("lastError"), entry.timestamp()));
                default -> {
                }
            }
        }
        return List.copyOf(byId.values());
    }

    private Map<?, ?> parse(String payload) {
        try {
            return json.readValue(payload, Map.class);
        } catch (java.io.IOException unreadable) {
            return Map.of();
        }
    }
}
