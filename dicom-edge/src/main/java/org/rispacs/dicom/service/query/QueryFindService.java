package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.ArchiveMatch;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.StandardDictionary;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Responder;
import org.rispacs.dicom.dimse.Status;

/**
 * Query/Retrieve FIND SCP (PS3.4 C.4.1), Patient Root and Study Root, hierarchical: answers C-FIND
 * at PATIENT, STUDY, SERIES and IMAGE level from the archive's read model (the one QIDO-RS reads),
 * never by walking the archive, with the current patient identity and accession, in the narrowest
 * character set. A query matching more than the configured maximum is refused (0xA700) before
 * anything is sent, naming the limit; C-CANCEL stops the pending responses. Each answer's
 * patients are recorded before the first response.
 */
public final class QueryFindService implements DimseService {

    public static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    public static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";

    private static final int PENDING_ALL_KEYS_SUPPORTED = 0xFF00;
    private static final int UNABLE_TO_PROCESS = 0xC000;
    /** The keys the archive matches on; any other key of the identifier is only returned (empty if unknown). */
    private static final Set<String> MATCHED = Set.of("PatientID", "IssuerOfPatientID", "PatientName",
            "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate", "StudyTime", "AccessionNumber",
            "StudyID", "StudyDescription", "ReferringPhysicianName", "ModalitiesInStudy", "SeriesInstanceUID",
            "Modality", "SeriesNumber", "SeriesDescription", "SOPInstanceUID", "SOPClassUID", "InstanceNumber");
    private static final Set<String> SERIES_KEYS = Set.of("SeriesInstanceUID", "Modality", "SeriesNumber",
            "SeriesDescription");
    private static final Set<String> IMAGE_KEYS = Set.of("SOPInstanceUID", "SOPClassUID", "InstanceNumber");

    private final ArchiveSearch archive;
    private final String aeTitle;
    private final int maxResults;

    public QueryFindService(ArchiveSearch archive, String aeTitle, int maxResults) {
        this.archive = archive;
        this.aeTitle = aeTitle;
        this.maxResults = maxResults;
    }

    @Override
    public boolean serves(String sopClassUid) {
        return PATIENT_ROOT_FIND.equals(sopClassUid) || STUDY_ROOT_FIND.equals(sopClassUid);
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
            return DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "this SOP class answers C-FIND only");
        }
        QueryIdentifier.Read read = QueryIdentifier.read(request, dataset,
                PATIENT_ROOT_FIND.equals(request.affectedSopClassUid()));
        if (read.refusal() != null) {
            return read.refusal();
        }
        Attributes identifier = read.identifier().keys();
        String level = read.identifier().level();
        TransferSyntax syntax = read.identifier().syntax();
        List<Attributes> answers;
        try {
            answers = level.equals("PATIENT") ? patients(identifier) : matches(identifier, level);
        } catch (IllegalArgumentException refused) {
            return DimseResponse.failure(UNABLE_TO_PROCESS, refused.getMessage());
        } catch (TooManyMatches tooMany) {
            return DimseResponse.failure(Status.OUT_OF_RESOURCES, tooMany.getMessage());
        }
        List<PatientIdentifier> patients = new ArrayList<>();
        for (Attributes answer : answers) {
            String id = answer.getString(Tags.PatientID);
            String issuer = answer.getString(Tags.IssuerOfPatientID);
            if (id != null && issuer != null) {
                patients.add(new PatientIdentifier(id, issuer));
            }
        }
        // recorded before anything is sent: no patient data leaves unrecorded (a failure here fails the query)
        archive.answered(request.association().callingAeTitle(), level, patients.stream().distinct().toList());
        for (Attributes answer : answers) {
            if (responder.cancelled()) {
                return new DimseResponse(Status.CANCEL, null, null);
            }
            responder.pending(PENDING_ALL_KEYS_SUPPORTED,
                    DicomWriter.encode(requested(identifier, answer, level), syntax));
        }
        return DimseResponse.success();
    }

    private static final class TooManyMatches extends RuntimeException {
        TooManyMatches(String message) {
            super(message);
        }
    }

    private List<Attributes> matches(Attributes identifier, String level) {
        ArchiveLevel archiveLevel = switch (level) {
            case "STUDY" -> ArchiveLevel.STUDY;
            case "SERIES" -> ArchiveLevel.SERIES;
            default -> ArchiveLevel.INSTANCE;
        };
        Map<String, String> keys = matchingKeys(identifier, level);
        ArchiveSearchResult result = archive.search(new SearchArchiveQuery(archiveLevel, null, null, keys, false, 0,
                maxResults));
        if (result.more()) {
            throw new TooManyMatches("more than " + maxResults + " " + level.toLowerCase() + " matches; narrow the "
                    + "query (the most one query is answered with is " + maxResults + ")");
        }
        List<Attributes> answers = new ArrayList<>();
        for (ArchiveMatch match : result.matches()) {
            answers.add(ArchiveAnswers.answer(match));
        }
        return answers;
    }

    /** PATIENT level (Patient Root): the distinct patients of the matching studies, with their study count. */
    private List<Attributes> patients(Attributes identifier) {
        Map<String, String> keys = matchingKeys(identifier, "PATIENT");
        ArchiveSearchResult result = archive.search(new SearchArchiveQuery(ArchiveLevel.STUDY, null, null, keys,
                false, 0, maxResults));
        if (result.more()) {
            throw new TooManyMatches("more than " + maxResults + " studies of the matching patients; narrow the "
                    + "query (the most one query looks at is " + maxResults + ")");
        }
        Map<String, Attributes> byPatient = new LinkedHashMap<>();
        Map<String, Integer> studies = new LinkedHashMap<>();
        for (ArchiveMatch match : result.matches()) {
            ArchivedIdentity identity = ArchiveAnswers.identity(match.study());
            String key = identity == null ? "" : identity.patientId() + "^^^" + identity.issuerOfPatientId();
            byPatient.computeIfAbsent(key, k -> ArchiveAnswers.answer(new ArchiveMatch(match.study(), null, null)));
            studies.merge(key, 1, Integer::sum);
        }
        List<Attributes> answers = new ArrayList<>();
        byPatient.forEach((key, answer) -> {
            answer.setInt(Tags.NumberOfPatientRelatedStudies, VR.IS, studies.get(key));
            answers.add(answer);
        });
        return answers;
    }

    /**
     * The identifier's keys with a value, by keyword, that the archive matches on at this level;
     * keys of a lower level than the query's are refused (PS3.4 C.4.1.2.1), others only returned.
     */
    private static Map<String, String> matchingKeys(Attributes identifier, String level) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int tag : identifier.tags()) {
            String keyword = StandardDictionary.keywordOf(tag);
            if (keyword == null || !MATCHED.contains(keyword) || identifier.vrOf(tag) == VR.SQ) {
                continue;
            }
            String[] values = identifier.getStrings(tag);
            String value = values == null ? "" : String.join("\\", values).trim();
            if (value.isEmpty() || value.equals("*")) {
                continue;
            }
            boolean belowLevel = (SERIES_KEYS.contains(keyword) && (level.equals("PATIENT") || level.equals("STUDY")))
                    || (IMAGE_KEYS.contains(keyword) && !level.equals("IMAGE"));
            if (belowLevel) {
                throw new IllegalArgumentException(keyword + " is below the query's level " + level);
            }
            keys.put(keyword, value);
        }
        return keys;
    }

    /**
     * The answer's values for the keys the identifier names, with the level and where to retrieve,
     * in the narrowest character set they need.
     */
    private Attributes requested(Attributes identifier, Attributes full, String level) {
        Attributes answer = new Attributes();
        answer.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        for (int tag : identifier.tags()) {
            if (tag == Tags.SpecificCharacterSet || tag == Tags.QueryRetrieveLevel || tag == Tags.RetrieveAETitle) {
                continue;
            }
            if (identifier.vrOf(tag) == VR.SQ) {
                answer.newSequence(tag);
            } else if (full.contains(tag)) {
                answer.setBytes(tag, full.vrOf(tag), full.getBytes(tag));
            } else {
                answer.setBytes(tag, identifier.vrOf(tag), new byte[0]);
            }
        }
        answer.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        answer.setString(Tags.RetrieveAETitle, VR.AE, aeTitle);
        return AnswerCharacterSet.narrowest(answer);
    }
}
