package org.rispacs.app.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.api.common.AuditMetadata;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.StudyMatchedToOrderEvent;
import org.rispacs.api.study.StudyUnmatchedEvent;
import org.rispacs.api.study.UnmatchedReason;
import org.rispacs.app.support.ApplicationTest;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.app.support.Eventually;
import org.rispacs.app.support.TestApi;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.Commands;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.service.DicomServer;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * A modality's images reach the workflow: an order placed over REST, a study sent by dcmtk's
 * storescu to our DICOM listener, archived, recorded per series, and matched to the order by
 * its accession number as the modality wrote it.
 */
class DicomIngestIT extends ApplicationTest {

    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String ENCAPSULATED_PDF = "1.2.840.10008.5.1.4.1.1.104.1";

    @Autowired
    DicomServer dicom;
    @Autowired
    Archive archive;

    @TempDir
    Path work;

    @Test
    void aStudySentByStorescuIsArchivedRecordedAndMatchedToItsOrder() throws Exception {
        JsonNode order = TestApi.client(port).post().uri("/api/orders")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", "P-DICOM-1", "patientIdIssuer", "HOSP", "procedureCode", "CTCHEST",
                        "modality", "CT", "priority", "ROUTINE"))
                .retrieve().body(JsonNode.class);
        String accession = order.get("accessionNumber").asText();
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());

        Path first = ctImage("ct1", study + ".1.1", study, study + ".1", accession.toLowerCase(), "P-DICOM-1");
        Path second = ctImage("ct2", study + ".1.2", study, study + ".1", accession.toLowerCase(), "P-DICOM-1");
        String output = run("storescu", "-v", "-aet", "CT1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(dicom.port()), first.toString(), second.toString());
        assertThat(output).contains("Received Store Response (Success)");

        InstancesReceivedEvent received = await(study, InstancesReceivedEvent.class);
        assertThat(received.instances()).hasSize(2);
        assertThat(received.callingAeTitle()).isEqualTo("CT1");
        assertThat(received.attributes().accessionNumber()).isEqualTo(accession.toLowerCase());
        assertThat(await(study, StudyMatchedToOrderEvent.class).orderId()).isEqualTo(order.get("orderId").asText());
        DomainEventMessage<?> recorded = eventStore.readEvents(study).asStream().findFirst().orElseThrow();
        assertThat(recorded.getMetaData()).containsEntry(AuditMetadata.CHANNEL, "dicom")
                .containsEntry(AuditMetadata.ACTOR, "dicom:CT1");
    }

    @Test
    void aStudyWithAnUnknownAccessionIsUnmatched() throws Exception {
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        Path image = ctImage("ct3", study + ".1.1", study, study + ".1", "NOSUCHORDER", "P-DICOM-2");
        run("storescu", "-aet", "CT1", "-aec", "RISPACS", "127.0.0.1", String.valueOf(dicom.port()), image.toString());
        assertThat(await(study, StudyUnmatchedEvent.class).reason()).isEqualTo(UnmatchedReason.UNKNOWN_ACCESSION);
    }

    /** Issue #18: a value over 64 MiB (an encapsulated PDF) was refused 0xA700; now stored whole and recorded. */
    @Test
    void aDocumentOver64MiBSentByStorescuIsArchivedWholeAndRecorded() throws Exception {
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        Attributes pdf = identifiers(ENCAPSULATED_PDF, study + ".1.1", study, "P-DICOM-3");
        pdf.setString(Tags.MIMETypeOfEncapsulatedDocument, VR.LO, "application/pdf");
        byte[] document = new byte[64 * 1024 * 1024 + 4096];
        Arrays.fill(document, (byte) '%');
        pdf.setBytes(Tags.EncapsulatedDocument, VR.OB, document);
        Path file = work.resolve("large-pdf.dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(DicomWriter.createFileMetaInformation(ENCAPSULATED_PDF, study + ".1.1",
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "1.2.826.0.1.3680043.10.1", "TEST", "T"), pdf);
        }

        String output = run("storescu", "-v", "-aet", "DOC1", "-aec", "RISPACS", "127.0.0.1",
                String.valueOf(dicom.port()), file.toString());

        assertThat(output).contains("Received Store Response (Success)");
        InstancesReceivedEvent received = await(study, InstancesReceivedEvent.class);
        assertThat(received.instances()).hasSize(1);
        Path stored = archive.root().resolve(study).resolve(study + ".1").resolve(study + ".1.1.dcm");
        assertThat(Files.size(stored)).isGreaterThan(document.length);
        assertThat(Archive.checksum(stored)).isEqualTo(received.instances().get(0).sha256());
        assertThat(run("dcmdump", "-M", stored.toString())).contains("application/pdf");
    }

    /** Issue #18: an object cut short was acknowledged, archived and committed; now refused and nothing kept. */
    @Test
    void anObjectCutShortIsRefusedAndNothingIsArchivedOrRecorded() throws Exception {
        String study = "2.25." + Math.abs(UUID.randomUUID().getMostSignificantBits());
        Attributes image = identifiers(CT, study + ".1.1", study, "P-DICOM-4");
        image.setBytes(Tags.PixelData, VR.OW, new byte[4096]);
        byte[] whole = DicomWriter.encode(image, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] cut = Arrays.copyOf(whole, whole.length - 1000);

        Attributes response;
        try (DicomClient client = DicomClient.connect(new InetSocketAddress("127.0.0.1", dicom.port()), "CT1",
                "RISPACS", List.of(new PresentationContextProposal(1, CT,
                        List.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()))),
                "1.2.826.0.1.3680043.10.1", AssociationSettings.defaults())) {
            Attributes command = Commands.request(CommandField.C_STORE_RQ, 0, CT, study + ".1.1", true);
            command.remove(Tags.MessageID);
            response = client.request(CT, command, cut);
        }

        assertThat(response.getInt(Tags.Status)).isEqualTo(0xC000);
        assertThat(response.getString(Tags.ErrorComment)).contains("cannot parse");
        assertThat(archive.root().resolve(study)).doesNotExist();
        try (var journal = Files.list(archive.journal())) {
            assertThat(journal.filter(entry -> entry.toString().endsWith(".part")).toList()).isEmpty();
        }
        // the association has ended: anything recorded would be in the event store within two seconds
        Eventually.within(Duration.ofSeconds(3)).during(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(eventStore.readEvents(study).asStream().toList()).isEmpty());
    }

    private static Attributes identifiers(String sopClass, String sop, String study, String patient) {
        Attributes dataset = new Attributes();
        dataset.setString(Tags.SOPClassUID, VR.UI, sopClass);
        dataset.setString(Tags.SOPInstanceUID, VR.UI, sop);
        dataset.setString(Tags.AccessionNumber, VR.SH, "NOSUCHORDER");
        dataset.setString(Tags.Modality, VR.CS, sopClass.equals(CT) ? "CT" : "DOC");
        dataset.setString(Tags.PatientID, VR.LO, patient);
        dataset.setString(Tags.StudyInstanceUID, VR.UI, study);
        dataset.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        return dataset;
    }

    private Path ctImage(String name, String sop, String study, String series, String accession, String patient)
            throws Exception {
        Path dump = work.resolve(name + ".dump");
        Files.writeString(dump, String.join("\n", "(0008,0016) UI =CTImageStorage", "(0008,0018) UI [" + sop + "]",
                "(0008,0050) SH [" + accession + "]", "(0008,0060) CS [CT]", "(0010,0010) PN [Doe^Jane]",
                "(0010,0020) LO [" + patient + "]", "(0020,000d) UI [" + study + "]",
                "(0020,000e) UI [" + series + "]", "(7fe0,0010) OW 0001\\0002", ""));
        Path file = work.resolve(name + ".dcm");
        run("dump2dcm", dump.toString(), file.toString());
        return file;
    }

    /** dcmtk is a real peer: missing, the test fails (CI installs it). */
    private static String run(String... command) throws Exception {
        return DcmtkTools.run(command);
    }

    private <T> T await(String aggregateId, Class<T> type) {
        return Eventually.event(eventStore, aggregateId, type);
    }
}
