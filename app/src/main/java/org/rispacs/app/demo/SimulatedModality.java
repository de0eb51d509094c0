package org.rispacs.app.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.service.DicomClient;
import org.rispacs.dicom.service.commitment.StorageCommitmentService;
import org.rispacs.dicom.ul.association.AssociationSettings;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo day's modalities on our DICOM listener, each association calling with its station's
 * AE title: MPPS IN PROGRESS, the images (tiny generated ones), MPPS COMPLETED, then storage
 * commitment, whose report comes back on the same association.
 */
final class SimulatedModality {

    private static final Logger log = LoggerFactory.getLogger(SimulatedModality.class);
    private static final String MPPS = "1.2.840.10008.3.1.2.3.3";
    private static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final int SLICE_SIZE = 128;
    private static final String EXPLICIT = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    private static final String IMPLEMENTATION = "2.25.329800735698586629295641978511506172918";
    private static final int SUCCESS = 0;
    private static final Duration MPPS_PATIENCE = Duration.ofMinutes(2);

    private final DemoSchedule schedule;
    private final InetSocketAddress ris;
    private final String risAeTitle;
    private final Path work;

    SimulatedModality(DemoSchedule schedule, InetSocketAddress ris, String risAeTitle, Path work) {
        this.schedule = schedule;
        this.ris = ris;
        this.risAeTitle = risAeTitle;
        this.work = work;
    }

    /** The examination of an order from the worklist; true once its images are stored and committed. */
    boolean perform(int order) throws IOException, InterruptedException {
        DemoSchedule.Exam exam = schedule.exam(order);
        String step = schedule.uid("mpps-" + order);
        String study = schedule.studyUid(order);
        Attributes create = new Attributes();
        create.setString(Tags.PerformedProcedureStepStatus, VR.CS, "IN PROGRESS");
        create.setString(Tags.PerformedStationAETitle, VR.AE, exam.station());
        create.setString(Tags.PerformedProcedureStepStartDate, VR.DA, schedule.dayKey());
        Attributes scheduled = create.newSequence(Tags.ScheduledStepAttributesSequence).addNewItem();
        scheduled.setString(Tags.AccessionNumber, VR.SH, schedule.accession(order));
        scheduled.setString(Tags.StudyInstanceUID, VR.UI, study);
        mpps(exam.station(), step, true, create);

        List<Path> images = new ArrayList<>();
        int count = 1 + order % 3;
        for (int n = 1; n <= count; n++) {
            images.add(image(study, n, schedule.accession(order), schedule.patientId(schedule.patientOf(order)), null,
                    exam.modality()));
        }
        store(exam.station(), images);

        Attributes done = new Attributes();
        done.setString(Tags.PerformedProcedureStepStatus, VR.CS, "COMPLETED");
        done.newSequence(Tags.PerformedSeriesSequence).addNewItem()
                .setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        mpps(exam.station(), step, false, done);
        commit(exam.station(), study, count);
        return true;
    }

    /** A walk-in on station CT9: a study no order explains (every other one with an accession nobody gave). */
    void walkIn(int number) throws IOException {
        String study = schedule.uid("unmatched-" + number);
        store("CT9", List.of(image(study, 1, number % 2 == 0 ? "NOSUCH" + number : "", "WALKIN" + number,
                "Walk^In", "CT")));
    }

    /** Retried while the SCP does not yet know the step (its read model catching up), as a modality would. */
    private void mpps(String station, String step, boolean create, Attributes dataset)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + MPPS_PATIENCE.toNanos();
        while (true) {
            try (DicomClient modality = associate(station, MPPS)) {
                Attributes response = create ? modality.nCreate(MPPS, step, dataset)
                        : modality.nSet(MPPS, step, dataset);
                if (response.getInt(Tags.Status) == SUCCESS) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                log.info("Demo: MPPS {} not accepted", step);
                return;
            }
            Thread.sleep(1000);
        }
    }

    private void store(String station, List<Path> images) throws IOException {
        try (DicomClient modality = associate(station, CT_IMAGE)) {
            for (Path image : images) {
                modality.store(image);
            }
        }
    }

    /** Storage commitment of the study's images; answers the report that comes back on the association. */
    private void commit(String station, String study, int count) throws IOException {
        try (DicomClient modality = associate(station, StorageCommitmentService.SOP_CLASS)) {
            Attributes action = new Attributes();
            action.setString(Tags.TransactionUID, VR.UI, schedule.uid("commit-" + study));
            Sequence references = action.newSequence(Tags.ReferencedSOPSequence);
            for (int n = 1; n <= count; n++) {
                Attributes reference = references.addNewItem();
                reference.setString(Tags.ReferencedSOPClassUID, VR.UI, CT_IMAGE);
                reference.setString(Tags.ReferencedSOPInstanceUID, VR.UI, study + ".1." + n);
            }
            modality.nAction(StorageCommitmentService.SOP_CLASS, StorageCommitmentService.WELL_KNOWN_INSTANCE, 1,
                    action);
            modality.acceptEventReport(Duration.ofSeconds(30));
        }
    }

    private DicomClient associate(String station, String sopClass) throws IOException {
        return DicomClient.connect(ris, station, risAeTitle,
                List.of(new PresentationContextProposal(1, sopClass, List.of(EXPLICIT))), IMPLEMENTATION,
                AssociationSettings.defaults());
    }

    /**
     * Stored values (Hounsfield units + 1024) of an elliptic body of soft tissue with two lungs and
     * a vertebra whose size changes from slice to slice, air around it; little endian.
     */
    private static byte[] phantomSlice(int number) {
        byte[] pixels = new byte[SLICE_SIZE * SLICE_SIZE * 2];
        double lung = 18 + 4 * Math.sin(number);
        for (int y = 0; y < SLICE_SIZE; y++) {
            for (int x = 0; x < SLICE_SIZE; x++) {
                double dx = x - 64.0;
                double dy = y - 64.0;
                int hu = -1000;
                if (dx * dx / (58.0 * 58.0) + dy * dy / (44.0 * 44.0) <= 1) {
                    hu = 40;
                    if (Math.hypot(Math.abs(dx) - 24, dy + 4) < lung) {
                        hu = -850;
                    } else if (Math.hypot(dx, dy - 26) < 9) {
                        hu = 700;
                    }
                }
                int stored = hu + 1024 + ((x * 7 + y * 13 + number) % 11);
                pixels[2 * (y * SLICE_SIZE + x)] = (byte) stored;
                pixels[2 * (y * SLICE_SIZE + x) + 1] = (byte) (stored >> 8);
            }
        }
        return pixels;
    }

    /** A synthetic axial slice (128 x 128, 16 bit), enough for the viewer to show a body, lungs and spine. */
    private Path image(String study, int number, String accession, String patientId, String name, String modality)
            throws IOException {
        String sop = study + ".1." + number;
        Attributes dataset = new Attributes();
        dataset.setString(Tags.SOPClassUID, VR.UI, CT_IMAGE);
        dataset.setString(Tags.SOPInstanceUID, VR.UI, sop);
        dataset.setString(Tags.StudyDate, VR.DA, schedule.dayKey());
        dataset.setString(Tags.AccessionNumber, VR.SH, accession);
        dataset.setString(Tags.Modality, VR.CS, modality);
        dataset.setString(Tags.PatientName, VR.PN, name == null ? "" : name);
        dataset.setString(Tags.PatientID, VR.LO, patientId);
        dataset.setString(Tags.StudyInstanceUID, VR.UI, study);
        dataset.setString(Tags.SeriesInstanceUID, VR.UI, study + ".1");
        dataset.setInt(Tags.SeriesNumber, VR.IS, 1);
        dataset.setInt(Tags.InstanceNumber, VR.IS, number);
        dataset.setString(Tags.ImagePositionPatient, VR.DS, "-64", "-64", String.valueOf(number * 5));
        dataset.setString(Tags.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        dataset.setString(Tags.PixelSpacing, VR.DS, "1", "1");
        dataset.setString(Tags.SliceThickness, VR.DS, "5");
        dataset.setInt(Tags.SamplesPerPixel, VR.US, 1);
        dataset.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        dataset.setInt(Tags.Rows, VR.US, SLICE_SIZE);
        dataset.setInt(Tags.Columns, VR.US, SLICE_SIZE);
        dataset.setInt(Tags.BitsAllocated, VR.US, 16);
        dataset.setInt(Tags.BitsStored, VR.US, 12);
        dataset.setInt(Tags.HighBit, VR.US, 11);
        dataset.setInt(Tags.PixelRepresentation, VR.US, 0);
        dataset.setString(Tags.RescaleIntercept, VR.DS, "-1024");
        dataset.setString(Tags.RescaleSlope, VR.DS, "1");
        dataset.setString(Tags.WindowCenter, VR.DS, "40");
        dataset.setString(Tags.WindowWidth, VR.DS, "400");
        dataset.setBytes(Tags.PixelData, VR.OW, phantomSlice(number));
        Path file = work.resolve(sop + ".dcm");
        try (OutputStream out = Files.newOutputStream(file); DicomWriter writer = new DicomWriter(out)) {
            writer.writeFile(DicomWriter.createFileMetaInformation(CT_IMAGE, sop, EXPLICIT, IMPLEMENTATION, "DEMO",
                    "DEMO"), dataset);
        }
        return file;
    }
}
