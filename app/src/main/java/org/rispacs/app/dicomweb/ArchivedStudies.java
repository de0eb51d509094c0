package org.rispacs.app.dicomweb;

import java.nio.file.Path;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedInstance;
import org.rispacs.api.archive.ArchivedStudyContents;
import org.rispacs.api.archive.FindArchivedStudyQuery;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.web.CurrentIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The studies the archive's read model lists, and the files behind their instances. */
@Component
class ArchivedStudies {

    private static final Logger log = LoggerFactory.getLogger(ArchivedStudies.class);

    private final QueryGateway queries;
    private final Archive archive;

    ArchivedStudies(QueryGateway queries, Archive archive) {
        this.queries = queries;
        this.archive = archive;
    }

    ArchivedStudyContents study(String studyInstanceUid) {
        ArchivedStudyContents contents = queries.query(new FindArchivedStudyQuery(studyInstanceUid),
                ResponseTypes.instanceOf(ArchivedStudyContents.class)).join();
        if (contents == null) {
            throw DicomWebException.notFound("study " + studyInstanceUid);
        }
        return contents;
    }

    /** The instances of the study, of one series if {@code seriesInstanceUid} is given, of one instance if both. */
    static List<ArchivedInstance> instances(ArchivedStudyContents study, String seriesInstanceUid,
                                            String sopInstanceUid) {
        List<ArchivedInstance> instances = study.instances().stream()
                .filter(i -> seriesInstanceUid == null || i.seriesInstanceUid().equals(seriesInstanceUid))
                .filter(i -> sopInstanceUid == null || i.sopInstanceUid().equals(sopInstanceUid))
                .toList();
        if (instances.isEmpty()) {
            throw DicomWebException.notFound(sopInstanceUid != null ? "instance " + sopInstanceUid
                    : seriesInstanceUid != null ? "series " + seriesInstanceUid
                    : "any instance of study " + study.study().studyInstanceUid());
        }
        return instances;
    }

    Path file(ArchivedInstance instance) {
        return archive.locate(instance.studyInstanceUid(), instance.seriesInstanceUid(), instance.sopInstanceUid())
                .orElseThrow(() -> {
                    log.error("The archive lists instance {} of series {} but its file is missing",
                            instance.sopInstanceUid(), instance.seriesInstanceUid());
                    return DicomWebException.notFound("the file of instance " + instance.sopInstanceUid());
                });
    }

    /** The identity objects are served with (IHE PIR): the study's current one. */
    static CurrentIdentity identity(ArchivedStudyContents study) {
        ArchivedIdentity current = study.study().current();
        if (current == null) {
            return new CurrentIdentity(null, null, null, null, null, null);
        }
        return new CurrentIdentity(current.patientId(), current.issuerOfPatientId(), current.patientName(),
                current.patientBirthDate(), current.patientSex(), current.accessionNumber());
    }
}
