package org.rispacs.dicom.service.query;

import java.util.List;
import org.rispacs.api.archive.ArchiveMatch;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedInstance;
import org.rispacs.api.archive.ArchivedSeries;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.web.CurrentIdentity;

/**
 * One answer of an archive search as a data set, shared by QIDO-RS and C-FIND: the attributes of
 * its level (PS3.18 Tables 10.6.3-3 to -5, PS3.4 C.6) and those of the levels above it, with the
 * current (reconciled) patient and accession. Text is UTF-8 (ISO_IR 192).
 */
public final class ArchiveAnswers {

    private ArchiveAnswers() {
    }

    public static Attributes answer(ArchiveMatch match) {
        Attributes answer = new Attributes();
        answer.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        study(answer, match.study());
        if (match.series() != null) {
            series(answer, match.series());
        }
        if (match.instance() != null) {
            instance(answer, match.instance());
        }
        answer.setString(Tags.InstanceAvailability, VR.CS, "ONLINE");
        return answer;
    }

    /** The patient of a study as its answers name it: the current identity, else the received one. */
    public static ArchivedIdentity identity(ArchivedStudy study) {
        return study.current() != null ? study.current() : study.received();
    }

    /** The identity the study's objects are served with (IHE PIR): its current one, values unknown left as received. */
    public static CurrentIdentity servedIdentity(ArchivedStudy study) {
        ArchivedIdentity current = study.current();
        if (current == null) {
            return CurrentIdentity.AS_RECEIVED;
        }
        return new CurrentIdentity(current.patientId(), current.issuerOfPatientId(), current.patientName(),
                current.patientBirthDate(), current.patientSex(), current.accessionNumber());
    }

    private static void study(Attributes answer, ArchivedStudy study) {
        ArchivedIdentity identity = identity(study);
        string(answer, Tags.StudyInstanceUID, VR.UI, study.studyInstanceUid());
        string(answer, Tags.StudyDate, VR.DA, study.studyDate());
        string(answer, Tags.StudyTime, VR.TM, study.studyTime());
        string(answer, Tags.StudyID, VR.SH, study.studyId());
        string(answer, Tags.StudyDescription, VR.LO, study.studyDescription());
        string(answer, Tags.ReferringPhysicianName, VR.PN, study.referringPhysicianName());
        strings(answer, Tags.ModalitiesInStudy, VR.CS, study.modalitiesInStudy());
        strings(answer, Tags.SOPClassesInStudy, VR.UI, study.sopClassesInStudy());
        answer.setInt(Tags.NumberOfStudyRelatedSeries, VR.IS, study.numberOfSeries());
        answer.setInt(Tags.NumberOfStudyRelatedInstances, VR.IS, study.numberOfInstances());
        if (identity != null) {
            string(answer, Tags.AccessionNumber, VR.SH, identity.accessionNumber());
            string(answer, Tags.PatientID, VR.LO, identity.patientId());
            string(answer, Tags.IssuerOfPatientID, VR.LO, identity.issuerOfPatientId());
            string(answer, Tags.PatientName, VR.PN, identity.patientName());
            string(answer, Tags.PatientBirthDate, VR.DA, identity.patientBirthDate());
            string(answer, Tags.PatientSex, VR.CS, identity.patientSex());
        }
    }

    private static void series(Attributes answer, ArchivedSeries series) {
        string(answer, Tags.SeriesInstanceUID, VR.UI, series.seriesInstanceUid());
        string(answer, Tags.Modality, VR.CS, series.modality());
        if (series.seriesNumber() != null) {
            answer.setInt(Tags.SeriesNumber, VR.IS, series.seriesNumber());
        }
        string(answer, Tags.SeriesDescription, VR.LO, series.seriesDescription());
        string(answer, Tags.SeriesDate, VR.DA, series.seriesDate());
        string(answer, Tags.SeriesTime, VR.TM, series.seriesTime());
        string(answer, Tags.BodyPartExamined, VR.CS, series.bodyPartExamined());
        answer.setInt(Tags.NumberOfSeriesRelatedInstances, VR.IS, series.numberOfInstances());
    }

    private static void instance(Attributes answer, ArchivedInstance instance) {
        string(answer, Tags.SOPClassUID, VR.UI, instance.sopClassUid());
        string(answer, Tags.SOPInstanceUID, VR.UI, instance.sopInstanceUid());
        integer(answer, Tags.InstanceNumber, VR.IS, instance.instanceNumber());
        integer(answer, Tags.Rows, VR.US, instance.rows());
        integer(answer, Tags.Columns, VR.US, instance.columns());
        integer(answer, Tags.NumberOfFrames, VR.IS, instance.numberOfFrames());
        string(answer, Tags.AvailableTransferSyntaxUID, VR.UI, instance.transferSyntaxUid());
    }

    private static void string(Attributes answer, int tag, VR vr, String value) {
        if (value != null && !value.isEmpty()) {
            answer.setString(tag, vr, value);
        }
    }

    private static void strings(Attributes answer, int tag, VR vr, List<String> values) {
        if (!values.isEmpty()) {
            answer.setString(tag, vr, values.toArray(String[]::new));
        }
    }

    private static void integer(Attributes answer, int tag, VR vr, Integer value) {
        if (value != null) {
            answer.setInt(tag, vr, value);
        }
    }
}
