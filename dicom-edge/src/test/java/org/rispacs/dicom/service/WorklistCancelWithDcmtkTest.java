package org.rispacs.dicom.service;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.AbstractList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.order.OrderPriority;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.dicom.service.verification.VerificationService;
import org.rispacs.dicom.service.worklist.ModalityWorklistService;
import org.rispacs.dicom.service.worklist.WorklistSource;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.negotiation.AcceptorPolicy;
import org.slf4j.LoggerFactory;

/** dcmtk's findscu cancelling a worklist query (PS3.7 9.3.2.3): the query ends, the association lives on. */
@Tag("dcmtk")
class WorklistCancelWithDcmtkTest {

    private static final int MATCHES = 200;

    @TempDir
    Path work;

    private DicomServer server;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger stackLog = (Logger) LoggerFactory.getLogger("org.rispacs.dicom");

    @BeforeEach
    void start() throws IOException {
        logged.start();
        stackLog.addAppender(logged);
        server = DicomServer.start(new DicomServer.Config(InetAddress.getLoopbackAddress(), 0,
                        new AcceptorPolicy.Identity("RISPACS", Set.of(), 64 * 1024, "1.2.826.0.1.3680043.10.1",
                                "RISPACS_TEST"),
                        new AssociationSettings(64 * 1024, Duration.ofSeconds(5), Duration.ofSeconds(30)), 8),
                List.of(new VerificationService(), new ModalityWorklistService(new SlowWorklist(), 1000)));
    }

    @AfterEach
    void stop() {
        server.close();
        stackLog.detachAppender(logged);
    }

    @Test
    void aCancelledQueryEndsWithCancelAndTheAssociationServesTheNextQuery() throws Exception {
        Path query = work.resolve("query.dump");
        Files.writeString(query, "(0010,0010) PN []\n(0010,0020) LO []\n");
        Path first = work.resolve("q1.dcm");
        Path second = work.resolve("q2.dcm");
        for (Path file : List.of(first, second)) {
            Dcmtk.Result made = Dcmtk.run("dump2dcm", query.toString(), file.toString());
            assertThat(made.exitCode()).as(made.output()).isZero();
        }

        // two queries on one association; findscu counts responses across both, so only the first is cancelled
        Dcmtk.Result find = Dcmtk.run("findscu", "-v", "-W", "--cancel", "2", "-aet", "MOD1", "-aec", "RISPACS",
                "127.0.0.1", String.valueOf(server.port()), first.toString(), second.toString());

        assertThat(find.exitCode()).as(find.output()).isZero();
        assertThat(find.output()).as(find.output()).containsSubsequence("Find Response: 2 (Pending)",
                "Sending Cancel Request (MsgID 1", "Received Final Find Response (Cancel",
                "Sending Find Request (MsgID 2)", "Received Final Find Response (Success)", "Releasing Association");
        assertThat(find.output()).doesNotContain("Abort");
        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    /** Many matches, each taking a moment to answer, so that the cancel arrives while they are sent. */
    private static final class SlowWorklist implements WorklistSource {

        @Override
        public List<ModalityWorklistItem> find(WorklistCriteria criteria, int limit) {
            return new AbstractList<>() {
                @Override
                public ModalityWorklistItem get(int index) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return item(index);
                }

                @Override
                public int size() {
                    return MATCHES;
                }
            };
        }

        @Override
        public void served(String callingAeTitle, WorklistCriteria criteria, List<ModalityWorklistItem> items) {
            // nothing to record here
        }

        private static ModalityWorklistItem item(int index) {
            return new ModalityWorklistItem("order-" + index, "DOE^JANE", "P" + index, null,
                    LocalDate.of(1970, 1, 1), "F", "ACC" + index, "RP" + index, "CT head", null, null,
                    "SPS" + index, LocalDateTime.of(2027, 3, 4, 9, 0), "CT", "CT1", null, null, "SCHEDULED",
                    "1.2.3.7." + index, null, OrderPriority.ROUTINE, null, null, null, null, null, null);
        }
    }
}
