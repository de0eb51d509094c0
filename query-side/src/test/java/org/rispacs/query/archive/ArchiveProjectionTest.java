package org.rispacs.query.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.common.Demographics;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.common.PersonName;
import org.rispacs.api.common.ProcedureCode;
import org.rispacs.api.order.AccessionAssignedEvent;
import org.rispacs.api.order.OrderPatientReassignedEvent;
import org.rispacs.api.order.OrderPlacedEvent;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.order.StudyDetachedFromOrderEvent;
import org.rispacs.api.order.StudyLinkedToOrderEvent;
import org.rispacs.api.patient.PatientDemographicsUpdatedEvent;
import org.rispacs.api.patient.PatientRegisteredEvent;
import org.rispacs.api.patient.PatientsMergedEvent;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedSeriesDetails;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.ReceivedStudyDetails;
import org.rispacs.api.study.StudyLinkMode;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyPatientReassignedEvent;
import org.rispacs.api.study.StudyReconciledEvent;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndex;
import org.rispacs.query.elasticsearch.InMemoryReadModelIndexes;
import org.rispacs.query.testing.ProjectionHarness;

class ArchiveProjectionTest {

    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final String SC_IMAGE = "1.2.840.10008.5.1.4.1.1.7";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final PatientIdentifier MUELLER = new PatientIdentifier("P1", "HOSP");
    private static final PatientIdentifier MUELLER_AGAIN = new PatientIdentifier("P1-DUP", "HOSP");
    private static final PatientIdentifier SMITH = new PatientIdentifier("P2", "HOSP");
    private static final ReceivedStudyAttributes AS_SENT = new ReceivedStudyAttributes("P1", null, "MULLER^H",
            "ACC-SENT", "CT", "CT Kopf");
    private static final ReceivedStudyDetails STUDY_DETAILS = new ReceivedStudyDetails("20261201", "101500", "S7",
            "HOUSE^GREGORY", "19600304", "M");
    private static final ArchivedIdentity RECEIVED = new ArchivedIdentity("P1", null, "MULLER^H", "19600304", "M",
            "ACC-SENT");

    private final InMemoryReadModelIndexes indexes = new InMemoryReadModelIndexes();
    private ProjectionHarness events;
    private InMemoryReadModelIndex studies;
    private InMemoryReadModelIndex series;
    private InMemoryReadModelIndex instances;

    @BeforeEach
    void projection() {
        events = new ProjectionHarness(new ArchiveProjection(indexes));
        studies = indexes.index("archive-studies");
        series = indexes.index("archive-series");
        instances = indexes.index("archive-instances");
    }

    @Test
    void countsGrowByEachInstanceOnceWhateverTheEventsRepeat() {
        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.1", CT_IMAGE, 1),
                instance("1.2.1.1.2", CT_IMAGE, 2)));
        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.2", CT_IMAGE, 2),
                instance("1.2.1.1.3", CT_IMAGE, 3), instance("1.2.1.1.3", CT_IMAGE, 3)));
        events.publish(received("1.2.1", "1.2.1.2", new ReceivedStudyAttributes("P1", null, "MULLER^H", "ACC-SENT",
                "SR", "CT Kopf"), 2, instance("1.2.1.2.1", SC_IMAGE, 1)));

        ArchivedStudy study = study("1.2.1");
        assertThat(study).isEqualTo(new ArchivedStudy("1.2.1", "20261201", "101500", "S7", "CT Kopf",
                "HOUSE^GREGORY", List.of("CT", "SR"), List.of(CT_IMAGE, SC_IMAGE), 2, 4, RECEIVED, RECEIVED, null));
        assertThat(series.find("1.2.1.1", SeriesDocument.class).answer()).satisfies(first -> {
            assertThat(first.numberOfInstances()).isEqualTo(3);
            assertThat(first.seriesNumber()).isEqualTo(1);
            assertThat(first.modality()).isEqualTo("CT");
            assertThat(first.seriesDescription()).isEqualTo("AXIAL 1");
            assertThat(first.bodyPartExamined()).isEqualTo("HEAD");
        });
        assertThat(series.find("1.2.1.2", SeriesDocument.class).numberOfInstances()).isEqualTo(1);
        assertThat(instances.find("1.2.1.1.3", InstanceDocument.class).answer()).satisfies(third -> {
            assertThat(third.instanceNumber()).isEqualTo(3);
            assertThat(third.rows()).isEqualTo(512);
            assertThat(third.columns()).isEqualTo(256);
            assertThat(third.numberOfFrames()).isNull();
            assertThat(third.size()).isEqualTo(1000);
            assertThat(third.transferSyntaxUid()).isEqualTo(EXPLICIT_LE);
        });
        assertThat(instances.documents()).hasSize(4);
        assertThat(studies.refreshRequests()).isPositive();
    }

    @Test
    void anEventStoredBeforeDetailsWereKeptCountsItsInstancesWithoutThem() {
        events.publish(new InstancesReceivedEvent("1.2.9", "1.2.9.1", "a1", "CT1", AS_SENT,
                List.of(new ReceivedInstance("1.2.9.1.1", CT_IMAGE, EXPLICIT_LE, 10, "ab")), true));

        ArchivedStudy study = study("1.2.9");
        assertThat(study.numberOfInstances()).isEqualTo(1);
        assertThat(study.studyDate()).isNull();
        assertThat(study.current()).isEqualTo(new ArchivedIdentity("P1", null, "MULLER^H", null, null, "ACC-SENT"));
        assertThat(series.find("1.2.9.1", SeriesDocument.class).seriesNumber()).isNull();
    }

    @Test
    void aMatchedStudyShowsItsOrdersPatientAndAccessionWhileKeepingWhatItCarried() {
        registerMueller();
        placeOrder("o1", MUELLER, "ACC-1");
        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.1", CT_IMAGE, 1)));
        assertThat(study("1.2.1").current()).isEqualTo(RECEIVED);

        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", MUELLER, false));

        ArchivedStudy study = study("1.2.1");
        assertThat(study.current()).isEqualTo(new ArchivedIdentity("P1", "HOSP", "Müller^Hans", "19600304", "M",
                "ACC-1"));
        assertThat(study.received()).isEqualTo(RECEIVED);
        assertThat(study.orderId()).isEqualTo("o1");
        // the forms a search matches names and descriptions in: folded whole, and by part
        assertThat(studies.find("1.2.1")).containsEntry("studyDescriptionMatch", "ct kopf")
                .containsEntry("referringPhysicianNameWords", List.of("house", "gregory"));
        assertThat(studies.find("1.2.1").get("current")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("patientNameMatch", "muller^hans")
                .containsEntry("patientNameWords", List.of("muller", "hans"));
        assertThat(series.find("1.2.1.1")).containsEntry("seriesDescriptionMatch", "axial 1");
        events.publish(received("1.2.1", "1.2.1.2", AS_SENT, 2, instance("1.2.1.2.1", CT_IMAGE, 1)));
        assertThat(study("1.2.1").current().patientName()).isEqualTo("Müller^Hans");
        assertThat(study("1.2.1").numberOfSeries()).isEqualTo(2);
    }

    @Test
    void correctionsAndMergesOfThePatientReachEveryLinkedStudy() {
        registerMueller();
        events.publish(new PatientRegisteredEvent(MUELLER_AGAIN, new Demographics(new PersonName("Mueller", "Hans",
                null, null, null), null, "U")));
        placeOrder("o1", MUELLER, "ACC-1");
        placeOrder("o2", MUELLER_AGAIN, "ACC-2");
        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.1", CT_IMAGE, 1)));
        events.publish(received("1.2.2", "1.2.2.1", AS_SENT, 1, instance("1.2.2.1.1", CT_IMAGE, 1)));
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", MUELLER, false));
        events.publish(new StudyMatchedToOrderEvent("1.2.2", "o2", MUELLER_AGAIN, false));
        assertThat(study("1.2.2").current().patientName()).isEqualTo("Mueller^Hans");

        events.publish(new PatientDemographicsUpdatedEvent(MUELLER, new Demographics(new PersonName("Müller",
                "Hans", "Peter", null, null), LocalDate.of(1960, 3, 5), "M")));
        assertThat(study("1.2.1").current()).isEqualTo(new ArchivedIdentity("P1", "HOSP", "Müller^Hans^Peter",
                "19600305", "M", "ACC-1"));

        events.publish(new PatientsMergedEvent(MUELLER_AGAIN, MUELLER));
        assertThat(study("1.2.2").current()).isEqualTo(new ArchivedIdentity("P1", "HOSP", "Müller^Hans^Peter",
                "19600305", "M", "ACC-2"));
        // the merge saga then reassigns the study: nothing changes twice
        events.publish(new StudyPatientReassignedEvent("1.2.2", MUELLER_AGAIN, MUELLER));
        events.publish(new PatientDemographicsUpdatedEvent(MUELLER, new Demographics(new PersonName("Muller",
                "Hans", null, null, null), LocalDate.of(1960, 3, 5), "M")));
        assertThat(study("1.2.2").current().patientName()).isEqualTo("Muller^Hans");
        assertThat(study("1.2.1").current().patientName()).isEqualTo("Muller^Hans");
    }

    @Test
    void aReconciledStudyTakesTheOrdersPatientAndADetachedOneGoesBackToWhatItCarried() {
        registerMueller();
        events.publish(new PatientRegisteredEvent(SMITH, new Demographics(new PersonName("Smith", "Ann", null, null,
                null), LocalDate.of(1971, 1, 2), "F")));
        placeOrder("o2", SMITH, null);
        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.1", CT_IMAGE, 1)));

        events.publish(new StudyReconciledEvent("1.2.1", "o2", SMITH, "clerk", "wrong patient at the modality",
                false, StudyLinkMode.ONLY_STUDY));
        events.publish(new StudyPatientReassignedEvent("1.2.1", null, SMITH));
        events.publish(new StudyLinkedToOrderEvent("o2", "1.2.1", StudyLinkMode.ONLY_STUDY, SMITH, "clerk", null));
        assertThat(study("1.2.1").current()).isEqualTo(new ArchivedIdentity("P2", "HOSP", "Smith^Ann", "19710102",
                "F", null));

        events.publish(new AccessionAssignedEvent("o2", "ACC-2", false));
        assertThat(study("1.2.1").current().accessionNumber()).isEqualTo("ACC-2");

        events.publish(new OrderPatientReassignedEvent("o2", SMITH, MUELLER));
        assertThat(study("1.2.1").current()).isEqualTo(new ArchivedIdentity("P1", "HOSP", "Müller^Hans", "19600304",
                "M", "ACC-2"));

        events.publish(new StudyDetachedFromOrderEvent("o2", "1.2.1", "1.2.5", "clerk", "replaced"));
        assertThat(study("1.2.1").current()).isEqualTo(RECEIVED);
        assertThat(study("1.2.1").orderId()).isNull();
        // a later correction of the order's patient no longer reaches the detached study
        events.publish(new PatientDemographicsUpdatedEvent(MUELLER, new Demographics(new PersonName("Other",
                "Name", null, null, null), null, "M")));
        assertThat(study("1.2.1").current()).isEqualTo(RECEIVED);
    }

    @Test
    void replayingOverTheIndicesOrAfterAResetGivesTheSameDocuments() {
        registerMueller();
        placeOrder("o1", MUELLER, "ACC-1");
        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.1", CT_IMAGE, 1),
                instance("1.2.1.1.2", CT_IMAGE, 2)));
        events.publish(received("1.2.1", "1.2.1.2", AS_SENT, 2, instance("1.2.1.2.1", CT_IMAGE, 1)));
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", MUELLER, false));
        events.publish(new PatientsMergedEvent(MUELLER, SMITH));
        Map<String, Map<String, Object>> live = studies.documents();
        Map<String, Map<String, Object>> liveSeries = series.documents();
        Map<String, Map<String, Object>> liveInstances = instances.documents();

        events.replayOver();
        assertThat(studies.documents()).isEqualTo(live);
        assertThat(series.documents()).isEqualTo(liveSeries);
        assertThat(instances.documents()).isEqualTo(liveInstances);

        events.rebuild();
        assertThat(studies.documents()).isEqualTo(live);
        assertThat(series.documents()).isEqualTo(liveSeries);
        assertThat(instances.documents()).isEqualTo(liveInstances);
        assertThat(study("1.2.1").numberOfInstances()).isEqualTo(3);
        assertThat(study("1.2.1").current().patientId()).isEqualTo("P2");
    }

    @Test
    void eachEventThatChangesAStudyIsOneVersionOfItHoweverOftenItIsHandled() {
        registerMueller();
        placeOrder("o1", MUELLER, "ACC-1");
        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.1", CT_IMAGE, 1)));
        assertThat(studies.find("1.2.1", StudyDocument.class).events()).hasSize(1);

        events.publish(received("1.2.1", "1.2.1.1", AS_SENT, 1, instance("1.2.1.1.1", CT_IMAGE, 1)));
        placeOrder("o2", SMITH, "ACC-2");
        assertThat(studies.find("1.2.1", StudyDocument.class).events()).as("nothing new, nothing of this study")
                .hasSize(1);

        events.publish(received("1.2.1", "1.2.1.2", AS_SENT, 2, instance("1.2.1.2.1", CT_IMAGE, 1)));
        events.publish(new StudyMatchedToOrderEvent("1.2.1", "o1", MUELLER, false));
        events.publish(new PatientDemographicsUpdatedEvent(MUELLER, new Demographics(new PersonName("Muller", "Hans",
                null, null, null), LocalDate.of(1960, 3, 4), "M")));
        var merged = events.publish(new PatientsMergedEvent(MUELLER, SMITH));
        StudyDocument study = studies.find("1.2.1", StudyDocument.class);
        assertThat(study.events()).hasSize(5).doesNotHaveDuplicates().contains(merged.getIdentifier());
        assertThat(study.lastUpdated()).isEqualTo(merged.getTimestamp());

        events.replayOver();
        assertThat(studies.find("1.2.1", StudyDocument.class).events()).isEqualTo(study.events());
        events.rebuild();
        assertThat(studies.find("1.2.1", StudyDocument.class)).isEqualTo(study);
    }

    private void registerMueller() {
        events.publish(new PatientRegisteredEvent(MUELLER, new Demographics(new PersonName("Müller", "Hans", null,
                null, null), LocalDate.of(1960, 3, 4), "M")));
    }

    private void placeOrder(String orderId, PatientIdentifier patient, String accession) {
        events.publish(new OrderPlacedEvent(orderId, patient, "PL-" + orderId, new ProcedureCode("CTHEAD", "LOCAL",
                "CT head"), "CT", OrderPriority.ROUTINE, null, null));
        if (accession != null) {
            events.publish(new AccessionAssignedEvent(orderId, accession, false));
        }
    }

    private ArchivedStudy study(String uid) {
        return studies.find(uid, StudyDocument.class).answer();
    }

    private static InstancesReceivedEvent received(String study, String series, ReceivedStudyAttributes attributes,
                                                   int seriesNumber, ReceivedInstance... instances) {
        return new InstancesReceivedEvent(study, series, "a1", "CT1", attributes, List.of(instances), false,
                STUDY_DETAILS, new ReceivedSeriesDetails(seriesNumber, "AXIAL " + seriesNumber, "20261201", "101600",
                "HEAD"));
    }

    private static ReceivedInstance instance(String uid, String sopClass, int number) {
        return new ReceivedInstance(uid, sopClass, EXPLICIT_LE, 1000, "ab", number, 512, 256, null);
    }
}
