package org.rispacs.dicom.service.mpps;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomFormatException;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modality Performed Procedure Step SOP Class SCP (PS3.4 Annex F): N-CREATE (IN PROGRESS)
 * starts the scheduled step it references, or, when none matches, is recorded as an unscheduled
 * step of the study it names (IHE SWF unscheduled case, answered with success); N-SET COMPLETED
 * or DISCONTINUED finishes either.
 */
public final class MppsService implements DimseService {

    public static final String SOP_CLASS = "1.2.840.10008.3.1.2.3.3";

    private static final int INVALID_ATTRIBUTE_VALUE = 0x0106;
    private static final int DUPLICATE_OR_UNSCHEDULED = Status.PROCESSING_FAILURE;
    private static final int NO_SUCH_SOP_INSTANCE = 0x0112;
    private static final int MISSING_ATTRIBUTE = 0x0120;
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    private static final Logger log = LoggerFactory.getLogger(MppsService.class);

    private final PerformedProcedureSteps steps;

    public MppsService(PerformedProcedureSteps steps) {
        this.steps = steps;
    }

    @Override
    public boolean serves(String sopClassUid) {
        return SOP_CLASS.equals(sopClassUid);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClassUid) {
        return Set.of(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
    }

    @Override
    public DimseResponse request(DimseRequest request, byte[] dataset) throws IOException {
        Attributes attributes;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(dataset))) {
            attributes = reader.readDataset(TransferSyntax.forUid(request.context().transferSyntax()).orElseThrow());
        } catch (DicomFormatException malformed) {
            log.warn("Association {}: MPPS message {} from {} has an unreadable data set: {}",
                    request.association().id(), request.messageId(), request.association().callingAeTitle(),
                    malformed.getMessage());
            return DimseResponse.failure(Status.PROCESSING_FAILURE,
                    "cannot read the data set: " + malformed.getMessage());
        }
        String caller = request.association().callingAeTitle();
        if (request.commandField() == CommandField.N_CREATE_RQ) {
            return create(request, attributes, caller);
        }
        if (request.commandField() == CommandField.N_SET_RQ) {
            return set(request, attributes, caller);
        }
        return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "MPPS supports N-CREATE and N-SET");
    }

    private DimseResponse create(DimseRequest request, Attributes attributes, String caller) {
        String uid = request.affectedSopInstanceUid();
        if (uid == null) {
            return DimseResponse.failure(MISSING_ATTRIBUTE, "Affected SOP Instance UID is required");
        }
        String status = attributes.getString(Tags.PerformedProcedureStepStatus);
        if (!"IN PROGRESS".equals(status)) {
            return DimseResponse.failure(INVALID_ATTRIBUTE_VALUE, "N-CREATE must have status IN PROGRESS, not "
                    + status);
        }
        List<PerformedProcedureSteps.ScheduledReference> references = new ArrayList<>();
        Sequence scheduled = attributes.getSequence(Tags.ScheduledStepAttributesSequence);
        if (scheduled != null) {
            for (Attributes item : scheduled) {
                references.add(new PerformedProcedureSteps.ScheduledReference(item.getString(Tags.AccessionNumber),
                        item.getString(Tags.StudyInstanceUID), item.getString(Tags.RequestedProcedureID),
                        item.getString(Tags.ScheduledProcedureStepID)));
            }
        }
        PerformedProcedureSteps.PerformedAttributes performed = new PerformedProcedureSteps.PerformedAttributes(
                attributes.getString(Tags.PatientID), attributes.getString(Tags.IssuerOfPatientID),
                attributes.getString(Tags.PatientName), attributes.getString(Tags.Modality),
                attributes.getString(Tags.PerformedProcedureStepDescription));
        PerformedProcedureSteps.Result result = steps.started(uid, references,
                attributes.getString(Tags.PerformedStationAETitle), startedAt(attributes), performed, caller);
        return switch (result.outcome()) {
            case DONE -> DimseResponse.success();
            default -> DimseResponse.failure(DUPLICATE_OR_UNSCHEDULED, result.message());
        };
    }

    private DimseResponse set(DimseRequest request, Attributes attributes, String caller) {
        String uid = request.command().getString(Tags.RequestedSOPInstanceUID);
        String status = attributes.getString(Tags.PerformedProcedureStepStatus);
        if (status != null && !Set.of("IN PROGRESS", "COMPLETED", "DISCONTINUED").contains(status)) {
            return DimseResponse.failure(INVALID_ATTRIBUTE_VALUE, "unknown status " + status);
        }
        List<String> series = new ArrayList<>();
        Sequence performed = attributes.getSequence(Tags.PerformedSeriesSequence);
        if (performed != null) {
            performed.forEach(item -> series.add(item.getString(Tags.SeriesInstanceUID)));
        }
        Sequence reasons = attributes.getSequence(Tags.PerformedProcedureStepDiscontinuationReasonCodeSequence);
        String reason = reasons == null || reasons.isEmpty() ? null : reasons.get(0).getString(Tags.CodeMeaning);
        PerformedProcedureSteps.Result result = steps.updated(uid, status, series, reason, caller);
        return switch (result.outcome()) {
            case DONE -> DimseResponse.success();
            case UNKNOWN -> {
                log.info("N-SET from {} for unknown performed procedure step {}: 0x0112", caller, uid);
                yield DimseResponse.failure(NO_SUCH_SOP_INSTANCE, result.message());
            }
            // PS3.4 F.7.2.2: error 0xA710, "Performed Procedure Step Object may no longer be updated"
            case FINAL -> DimseResponse.failure(Status.PROCESSING_FAILURE, result.message());
            default -> DimseResponse.failure(Status.PROCESSING_FAILURE, result.message());
        };
    }

    private static LocalDateTime startedAt(Attributes attributes) {
        String date = attributes.getString(Tags.PerformedProcedureStepStartDate);
        String time = attributes.getString(Tags.PerformedProcedureStepStartTime);
        try {
            LocalDate day = date == null ? LocalDate.now() : LocalDate.parse(date, DA);
            LocalTime at = time == null || time.length() < 4 ? LocalTime.MIDNIGHT
                    : LocalTime.of(Integer.parseInt(time.substring(0, 2)), Integer.parseInt(time.substring(2, 4)),
                            time.length() >= 6 ? Integer.parseInt(time.substring(4, 6)) : 0);
            return day.atTime(at);
        } catch (RuntimeException malformed) {
            return null;
        }
    }
}
