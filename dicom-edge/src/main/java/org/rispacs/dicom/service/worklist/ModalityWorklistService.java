package org.rispacs.dicom.service.worklist;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.rispacs.api.worklist.ModalityWorklistItem;
import org.rispacs.api.worklist.WorklistCriteria;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.data.charset.SpecificCharacterSet;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Responder;
import org.rispacs.dicom.dimse.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Modality Worklist Information Model - FIND SCP (PS3.4 K.6): answers C-FIND from the worklist
 * read model, one pending response per scheduled procedure step with the keys the modality
 * asked for, in UTF-8 when a value needs more than ASCII, honouring C-CANCEL. Each query answered
 * is recorded (which station, which modality, whose items) before its first response.
 */
public final class ModalityWorklistService implements DimseService {

    public static final String SOP_CLASS = "1.2.840.10008.5.1.4.31";

    private static final Logger log = LoggerFactory.getLogger(ModalityWorklistService.class);
    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter TM = DateTimeFormatter.ofPattern("HHmmss");
    private static final int PENDING_ALL_KEYS_SUPPORTED = 0xFF00;
    private static final int IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    private static final String DETACHED_STUDY_MANAGEMENT = "1.2.840.10008.3.1.2.3.1";

    private final WorklistSource source;
    private final int maxResults;

    public ModalityWorklistService(WorklistSource source, int maxResults) {
        this.source = source;
        this.maxResults = maxResults;
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
    public boolean respondsMoreThanOnce(DimseRequest request) {
        return request.commandField() == CommandField.C_FIND_RQ;
    }

    @Override
    public DimseResponse request(DimseRequest request, byte[] dataset, Responder responder) throws IOException {
        if (request.commandField() != CommandField.C_FIND_RQ) {
            return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "the worklist answers C-FIND only");
        }
        TransferSyntax syntax = TransferSyntax.forUid(request.context().transferSyntax()).orElseThrow();
        Attributes identifier;
        WorklistCriteria criteria;
        try (DicomReader reader = new DicomReader(new ByteArrayInputStream(dataset))) {
            identifier = reader.readDataset(syntax);
            criteria = criteria(identifier);
        } catch (IOException | DateTimeParseException | IllegalArgumentException malformed) {
            return DimseResponse.failure(IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS,
                    "cannot read the query: " + malformed.getMessage());
        }
        List<ModalityWorklistItem> items = source.find(criteria, maxResults);
        if (items.size() >= maxResults) {
            log.warn("Worklist query from {} matched more than {} items; answering the first {}",
                    request.association().callingAeTitle(), maxResults, maxResults);
        }
        // recorded before anything is sent: no patient data leaves unrecorded (a failure here fails the query)
        source.served(request.association().callingAeTitle(), criteria, items);
        for (ModalityWorklistItem item : items) {
            if (responder.cancelled()) {
                return new DimseResponse(Status.CANCEL, null, null);
            }
            responder.pending(PENDING_ALL_KEYS_SUPPORTED, DicomWriter.encode(answer(identifier, item), syntax));
        }
        return DimseResponse.success();
    }

    static WorklistCriteria criteria(Attributes identifier) {
        Attributes step = firstItem(identifier, Tags.ScheduledProcedureStepSequence);
        Attributes stepKeys = step == null ? new Attributes() : step;
        DicomDateRanges.Range start = DicomDateRanges.of(stepKeys.getString(Tags.ScheduledProcedureStepStartDate),
                stepKeys.getString(Tags.ScheduledProcedureStepStartTime));
        return new WorklistCriteria(
                key(identifier, Tags.PatientName),
                key(identifier, Tags.PatientID),
                key(identifier, Tags.IssuerOfPatientID),
                key(identifier, Tags.AccessionNumber),
                key(stepKeys, Tags.Modality),
                key(stepKeys, Tags.ScheduledStationAETitle),
                start.from(), start.to(),
                key(stepKeys, Tags.ScheduledProcedureStepID),
                key(identifier, Tags.RequestedProcedureID),
                key(stepKeys, Tags.ScheduledProcedureStepStatus),
                key(stepKeys, Tags.ScheduledPerformingPhysicianName));
    }

    /**
     * A matching key with all its values: several values are List of UID / value matching (PS3.4
     * C.2.2.2.2), kept backslash-separated as {@link WorklistCriteria} reads them.
     */
    private static String key(Attributes keys, int tag) {
        String[] values = keys.getStrings(tag);
        return values == null ? null : String.join("\\", values);
    }

    /** The item's values for the keys the identifier names (and for a whole sequence if it names one empty). */
    static Attributes answer(Attributes identifier, ModalityWorklistItem item) {
        Attributes full = fullAnswer(item);
        Attributes answer = new Attributes();
        if (full.contains(Tags.SpecificCharacterSet)) {
            answer.setString(Tags.SpecificCharacterSet, VR.CS, full.getStrings(Tags.SpecificCharacterSet));
        }
        copyRequested(identifier, full, answer);
        return answer;
    }

    private static void copyRequested(Attributes requested, Attributes full, Attributes answer) {
        for (int tag : requested.tags()) {
            if (tag == Tags.SpecificCharacterSet) {
                continue;
            }
            VR vr = requested.vrOf(tag);
            if (vr == VR.SQ) {
                Sequence target = answer.newSequence(tag);
                Sequence available = full.getSequence(tag);
                Attributes requestedItem = firstItem(requested, tag);
                if (available != null) {
                    for (Attributes item : available) {
                        Attributes copy = target.addNewItem();
                        copyRequested(requestedItem == null || requestedItem.isEmpty() ? item : requestedItem, item,
                                copy);
                    }
                }
            } else if (full.contains(tag)) {
                answer.setBytes(tag, full.vrOf(tag), full.getBytes(tag));
            } else {
                answer.setBytes(tag, vr, new byte[0]);
            }
        }
    }

    /** Every return key of PS3.4 Table K.6-1 we can hold, zero-length where the order has no value. */
    private static Attributes fullAnswer(ModalityWorklistItem item) {
        Attributes full = new Attributes();
        SpecificCharacterSet charset = SpecificCharacterSet.forText(nonNull(item.patientName()),
                nonNull(item.requestedProcedureDescription()), nonNull(item.referringPhysicianName()),
                nonNull(item.scheduledStationName()), nonNull(item.scheduledLocation()),
                nonNull(item.placerOrderNumber()), nonNull(item.reasonForRequestedProcedure()),
                nonNull(item.requestingPhysicianName()), nonNull(item.admissionId()),
                nonNull(item.currentPatientLocation()), nonNull(item.scheduledPerformingPhysicianName()));
        if (charset.definedTerms().length > 0) {
            full.setString(Tags.SpecificCharacterSet, VR.CS, charset.definedTerms());
        }
        imagingServiceRequest(full, item);
        set(full, Tags.PatientName, VR.PN, item.patientName());
        set(full, Tags.PatientID, VR.LO, item.patientId());
        set(full, Tags.IssuerOfPatientID, VR.LO, item.issuerOfPatientId());
        set(full, Tags.PatientBirthDate, VR.DA, item.patientBirthDate() == null ? null
                : item.patientBirthDate().format(DA));
        set(full, Tags.PatientSex, VR.CS, item.patientSex());
        set(full, Tags.AdmissionID, VR.LO, item.admissionId());
        set(full, Tags.CurrentPatientLocation, VR.LO, item.currentPatientLocation());
        requestedProcedure(full, item);
        scheduledProcedureStep(full.newSequence(Tags.ScheduledProcedureStepSequence).addNewItem(), item);
        return full;
    }

    private static void imagingServiceRequest(Attributes full, ModalityWorklistItem item) {
        set(full, Tags.AccessionNumber, VR.SH, item.accessionNumber());
        set(full, Tags.ReferringPhysicianName, VR.PN, item.referringPhysicianName());
        set(full, Tags.RequestingPhysician, VR.PN, item.requestingPhysicianName());
        set(full, Tags.PlacerOrderNumberImagingServiceRequest, VR.LO, item.placerOrderNumber());
    }

    private static void requestedProcedure(Attributes full, ModalityWorklistItem item) {
        set(full, Tags.StudyInstanceUID, VR.UI, item.studyInstanceUid());
        Sequence referencedStudies = full.newSequence(Tags.ReferencedStudySequence);
        if (item.studyInstanceUid() != null) {
            // the study to be made, with the class worklist providers reference it by (Detached Study Management)
            Attributes study = referencedStudies.addNewItem();
            set(study, Tags.ReferencedSOPClassUID, VR.UI, DETACHED_STUDY_MANAGEMENT);
            set(study, Tags.ReferencedSOPInstanceUID, VR.UI, item.studyInstanceUid());
        }
        set(full, Tags.RequestedProcedureDescription, VR.LO, item.requestedProcedureDescription());
        if (item.procedureCode() != null) {
            Attributes code = full.newSequence(Tags.RequestedProcedureCodeSequence).addNewItem();
            set(code, Tags.CodeValue, VR.SH, item.procedureCode());
            set(code, Tags.CodingSchemeDesignator, VR.SH, item.procedureCodingScheme());
            set(code, Tags.CodeMeaning, VR.LO, item.requestedProcedureDescription());
        }
        set(full, Tags.RequestedProcedureID, VR.SH, item.requestedProcedureId());
        set(full, Tags.ReasonForTheRequestedProcedure, VR.LO, item.reasonForRequestedProcedure());
        set(full, Tags.RequestedProcedurePriority, VR.SH, item.priority() == null ? null : item.priority().name());
    }

    private static void scheduledProcedureStep(Attributes step, ModalityWorklistItem item) {
        set(step, Tags.Modality, VR.CS, item.modality());
        set(step, Tags.ScheduledStationAETitle, VR.AE, item.scheduledStationAeTitle());
        set(step, Tags.ScheduledProcedureStepStartDate, VR.DA, item.scheduledStart() == null ? null
                : item.scheduledStart().format(DA));
        set(step, Tags.ScheduledProcedureStepStartTime, VR.TM, item.scheduledStart() == null ? null
                : item.scheduledStart().format(TM));
        set(step, Tags.ScheduledPerformingPhysicianName, VR.PN, item.scheduledPerformingPhysicianName());
        set(step, Tags.ScheduledProcedureStepDescription, VR.LO, item.requestedProcedureDescription());
        set(step, Tags.ScheduledProcedureStepID, VR.SH, item.scheduledProcedureStepId());
        set(step, Tags.ScheduledStationName, VR.SH, item.scheduledStationName());
        set(step, Tags.ScheduledProcedureStepLocation, VR.SH, item.scheduledLocation());
        set(step, Tags.ScheduledProcedureStepStatus, VR.CS, item.status());
    }

    /**
     * One value: a backslash would make it several (PS3.5 6.2), so inside a value of a VR that can
     * hold several it becomes a space. ST, LT and UT hold one value and keep it.
     */
    private static void set(Attributes attributes, int tag, VR vr, String value) {
        if (value != null && !value.isEmpty()) {
            boolean singleValued = vr == VR.ST || vr == VR.LT || vr == VR.UT;
            attributes.setString(tag, vr, singleValued ? value : value.replace('\\', ' '));
        } else {
            attributes.setBytes(tag, vr, new byte[0]);
        }
    }

    private static Attributes firstItem(Attributes attributes, int sequenceTag) {
        Sequence sequence = attributes.getSequence(sequenceTag);
        return sequence == null || sequence.isEmpty() ? null : sequence.get(0);
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
