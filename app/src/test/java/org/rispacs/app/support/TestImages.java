package org.rispacs.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

/**
 * Images as a modality makes them, for tests that need pixels: 16-bit CT slices with a gradient
 * (visibly non-blank once windowed), written as Part 10 files, compressed by dcmtk when a test
 * needs JPEG lossless, and sent by dcmtk's storescu.
 */
public final class TestImages {

    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

    /** Who and what the images are of, as the modality writes it. */
    public record Exam(String patientId, String issuer, String patientName, String birthDate, String accession,
                       String modality, String studyDate, String studyDescription) {
    }

    private TestImages() {
    }

    /** A CT slice: {@code size}×{@code size} 16-bit, a diagonal gradient, windowed to show it. */
    public static Attributes ctSlice(Exam exam, String study, String series, int seriesNumber, String sop,
                                     int instanceNumber, int size) {
        Attributes image = new Attributes();
        image.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        image.setString(Tags.SOPClassUID, VR.UI, CT_IMAGE_STORAGE);
        image.setString(Tags.SOPInstanceUID, VR.UI, sop);
        image.setString(Tags.StudyDate, VR.DA, exam.studyDate());
        image.setString(Tags.StudyTime, VR.TM, "101500");
        image.setString(Tags.AccessionNumber, VR.SH, exam.accession());
        image.setString(Tags.Modality, VR.CS, exam.modality());
        image.setString(Tags.ReferringPhysicianName, VR.PN, "Who^Doctor");
        image.setString(Tags.StudyDescription, VR.LO, exam.studyDescription());
        image.setString(Tags.SeriesDescription, VR.LO, "Axial " + seriesNumber);
        image.setString(Tags.PatientName, VR.PN, exam.patientName());
        image.setString(Tags.PatientID, VR.LO, exam.patientId());
        if (exam.issuer() != null) {
            image.setString(Tags.IssuerOfPatientID, VR.LO, exam.issuer());
        }
        image.setString(Tags.PatientBirthDate, VR.DA, exam.birthDate());
        image.setString(Tags.PatientSex, VR.CS, "F");
        image.setString(Tags.StudyInstanceUID, VR.UI, study);
        image.setString(Tags.SeriesInstanceUID, VR.UI, series);
        image.setString(Tags.StudyID, VR.SH, "1");
        image.setInt(Tags.SeriesNumber, VR.IS, seriesNumber);
        image.setInt(Tags.InstanceNumber, VR.IS, instanceNumber);
        image.setString(Tags.ImagePositionPatient, VR.DS, "0", "0", String.valueOf(instanceNumber * 5));
        image.setString(Tags.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        image.setString(Tags.PixelSpacing, VR.DS, "0.5", "0.5");
        image.setString(Tags.SliceThickness, VR.DS, "5");
        image.setString(Tags.FrameOfReferenceUID, VR.UI, study + ".9");
        image.setInt(Tags.SamplesPerPixel, VR.US, 1);
        image.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        image.setInt(Tags.Rows, VR.US, size);
        image.setInt(Tags.Columns, VR.US, size);
        image.setInt(Tags.BitsAllocated, VR.US, 16);
        image.setInt(Tags.BitsStored, VR.US, 12);
        image.setInt(Tags.HighBit, VR.US, 11);
        image.setInt(Tags.PixelRepresentation, VR.US, 0);
        image.setString(Tags.RescaleIntercept, VR.DS, "-1024");
        image.setString(Tags.RescaleSlope, VR.DS, "1");
        image.setString(Tags.WindowCenter, VR.DS, "40");
        image.setString(Tags.WindowWidth, VR.DS, "400");
        ByteBuffer pixels = ByteBuffer.allocate(size * size * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                // 824..1224 stored = -200..200 HU: the whole window, dark top left to bright bottom right
                pixels.putShort((short) (824 + (x + y) * 400 / (2 * size - 2) + instanceNumber));
            }
        }
        image.setBytes(Tags.PixelData, VR.OW, pixels.array());
        return image;
    }

    public static Path write(Path dir, Attributes image) throws IOException {
        Path file = dir.resolve(image.getString(Tags.SOPInstanceUID) + ".dcm");
        try (OutputStream out = Files.newOutputStream(file)) {
            new DicomWriter(out).writeFile(DicomWriter.createFileMetaInformation(image.getString(Tags.SOPClassUID),
                    image.getString(Tags.SOPInstanceUID), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                    "1.2.826.0.1.3680043.10.1", "TEST", "CT1"), image);
        }
        return file;
    }

    /** The slices of one series, written to {@code dir}. */
    public static List<Path> series(Path dir, Exam exam, String study, String series, int seriesNumber, int count,
                                    int size) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            files.add(write(dir, ctSlice(exam, study, series, seriesNumber, series + "." + i, i, size)));
        }
        return files;
    }

    /** The file compressed by dcmtk's dcmcjpeg as JPEG Lossless, First-Order Prediction (1.2.840.10008.1.2.4.70). */
    public static Path jpegLossless(Path file) throws Exception {
        Path compressed = file.resolveSibling(file.getFileName() + ".jpll.dcm");
        DcmtkTools.run("dcmcjpeg", "+e1", file.toString(), compressed.toString());
        return compressed;
    }

    /** Sends the files with dcmtk's storescu from {@code callingAeTitle}; all must be answered Success. */
    public static void store(int dicomPort, String callingAeTitle, List<Path> files) throws Exception {
        store(dicomPort, callingAeTitle, files, List.of());
    }

    /** Sends JPEG-lossless files as they are: storescu proposes that syntax (-xs) instead of decompressing. */
    public static void storeLossless(int dicomPort, String callingAeTitle, List<Path> files) throws Exception {
        store(dicomPort, callingAeTitle, files, List.of("-xs"));
    }

    private static void store(int dicomPort, String callingAeTitle, List<Path> files, List<String> options)
            throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-v"));
        command.addAll(options);
        command.addAll(List.of("-aet", callingAeTitle, "-aec", "RISPACS", "127.0.0.1", String.valueOf(dicomPort)));
        files.forEach(file -> command.add(file.toString()));
        String output = DcmtkTools.run(command.toArray(String[]::new));
        assertThat(output.split("Received Store Response \\(Success\\)", -1)).hasSize(files.size() + 1);
    }
}
