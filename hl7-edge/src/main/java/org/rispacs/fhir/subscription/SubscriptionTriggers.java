package org.rispacs.fhir.subscription;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.archive.ArchivedInstance;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.fhir.FhirDiagnosticReport;
import org.rispacs.api.fhir.FhirImagingStudy;
import org.rispacs.api.fhir.FhirPatientIds;
import org.rispacs.api.fhir.FindFhirDiagnosticReportQuery;
import org.rispacs.api.fhir.FindFhirImagingStudyQuery;
import org.rispacs.api.subscription.FhirSubscription;
import org.rispacs.api.subscription.FhirSubscriptions;
import org.rispacs.api.subscription.FindActiveFhirSubscriptionsQuery;
import org.rispacs.api.subscription.NotifySubscriptionCommand;
import org.rispacs.api.subscription.SubscriptionTopic;
import org.rispacs.fhir.imaging.ImagingStudyResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happened, as the topics see it: the subscriptions of the topic (for all patients, or for the
 * focus's patient) are each notified once per trigger, the trigger being named by its position in
 * the event stream so that a replayed or redelivered event notifies nobody twice. The focus's
 * patient is read from the FHIR read models, waited for (bounded) until they show the trigger: the
 * report at the version the signature or addendum made, the study with the instances received.
 * A read model lagging beyond the wait still names the patient the focus had before (a report's
 * patient is its order's, known since it was drafted); a focus it does not show at all notifies only
 * the subscriptions for all patients.
 */
public final class SubscriptionTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionTriggers.class);
    static final String ACTOR = "fhir:subscriptions";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReadModelWait wait;

    public SubscriptionTriggers(CommandGateway commands, QueryGateway queries, ReadModelWait wait) {
        this.commands = commands;
        this.queries = queries;
        this.wait = wait;
    }

    /**
     * A report was signed final or amended by an addendum.
     *
     * @param version the report's version after the event (its sequence number plus one)
     */
    public void reportFinalized(String reportId, long version, long triggerPosition) {
        Optional<FhirDiagnosticReport> report = wait.until(() -> queries.query(
                new FindFhirDiagnosticReportQuery(reportId), ResponseTypes.optionalInstanceOf(
                        FhirDiagnosticReport.class)).join(), shown -> shown.version() >= version);
        if (report.isEmpty()) {
            LOG.warn("report {} is not in the FHIR read model: only subscriptions for all patients are notified",
                    reportId);
        }
        notify(SubscriptionTopic.REPORT_FINALIZED, reportId,
                report.map(FhirDiagnosticReport::patient).map(FhirPatientIds::of).orElse(null), triggerPosition);
    }

    /** Instances of a study were received: the first (created) or more (updated). */
    public void studyAvailable(String studyInstanceUid, Collection<String> sopInstanceUids, long triggerPosition) {
        Set<String> received = Set.copyOf(sopInstanceUids);
        Optional<FhirImagingStudy> study = wait.until(() -> queries.query(
                new FindFhirImagingStudyQuery(studyInstanceUid), ResponseTypes.optionalInstanceOf(
                        FhirImagingStudy.class)).join(), shown -> shown.contents().instances().stream()
                .map(ArchivedInstance::sopInstanceUid).collect(Collectors.toSet()).containsAll(received));
        if (study.isEmpty()) {
            LOG.warn("study {} is not in the archive read model: only subscriptions for all patients are notified",
                    studyInstanceUid);
        }
        PatientIdentifier patient = study.map(found -> ImagingStudyResources.patientOf(found.contents().study()))
                .orElse(null);
        notify(SubscriptionTopic.STUDY_AVAILABLE, studyInstanceUid,
                patient == null ? null : FhirPatientIds.of(patient), triggerPosition);
    }

    private void notify(SubscriptionTopic topic, String focusId, String patientId, long triggerPosition) {
        FhirSubscriptions subscriptions = queries.query(new FindActiveFhirSubscriptionsQuery(topic, patientId),
                ResponseTypes.instanceOf(FhirSubscriptions.class)).join();
        for (FhirSubscription subscription : subscriptions.subscriptions()) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new NotifySubscriptionCommand(
                    subscription.subscriptionId(), focusId, triggerPosition)).andMetaData(Map.of(
                    AuditMetadata.ACTOR, ACTOR, AuditMetadata.CHANNEL, "system",
                    AuditMetadata.SOURCE, topic + " of " + focusId + " at event position " + triggerPosition)));
        }
    }
}
