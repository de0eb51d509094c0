package org.rispacs.dicom.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.ArchiveMatch;
import org.rispacs.api.archive.ArchivedIdentity;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.api.audit.PatientDataViewedEvent;
import org.rispacs.api.audit.QueryRetrieveViews;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.service.query.ArchiveAnswers;
import org.rispacs.dicom.service.query.ArchiveRetrieval;
import org.rispacs.dicom.service.query.ArchiveSearch;
import org.rispacs.dicom.web.CurrentIdentity;

/**
 * The MOVE and GET SCPs' instances: the studies from the archive read model (their current
 * identity), the files from the archive's tree; destinations from the configured peers; each
 * retrieve is one {@link PatientDataViewedEvent} naming its patients (none when nothing matched)
 * with the calling AE as actor.
 */
public final class GatewayArchiveRetrieval implements ArchiveRetrieval {

    private static final int MAX_STUDIES = 1000;

    private final ArchiveSearch search;
    private final Archive archive;
    private final QueryRetrieveAccess access;
    private final Function<String, Optional<InetSocketAddress>> destinations;

    public GatewayArchiveRetrieval(ArchiveSearch search, Archive archive, EventGateway events,
                                   Function<String, Optional<InetSocketAddress>> destinations) {
        this.search = search;
        this.archive = archive;
        this.access = new QueryRetrieveAccess(events);
        this.destinations = destinations;
    }

    @Override
    public List<Instance> instances(String level, Map<String, String> keys, int limit) {
        Map<String, String> studyKeys = level.equals("PATIENT") ? Map.of("PatientID", keys.get("PatientID"))
                : Map.of("StudyInstanceUID", keys.get("StudyInstanceUID"));
        List<ArchiveMatch> studies = search.search(new SearchArchiveQuery(ArchiveLevel.STUDY, null, null, studyKeys,
                false, 0, MAX_STUDIES)).matches();
        List<Instance> instances = new ArrayList<>();
        for (ArchiveMatch match : studies) {
            ArchivedStudy study = match.study();
            CurrentIdentity identity = ArchiveAnswers.servedIdentity(study);
            PatientIdentifier patient = patientOf(study);
            for (Path file : files(study.studyInstanceUid(), level, keys)) {
                String name = file.getFileName().toString();
                instances.add(new Instance(file, name.substring(0, name.length() - ".dcm".length()), identity,
                        patient));
                if (instances.size() > limit) {
                    return instances;
                }
            }
        }
        return instances;
    }

    private List<Path> files(String study, String level, Map<String, String> keys) {
        try {
            if (level.equals("PATIENT") || level.equals("STUDY")) {
                return archive.files(study, null);
            }
            List<Path> files = new ArrayList<>();
            for (String series : keys.get("SeriesInstanceUID").split("\\\\")) {
                if (level.equals("SERIES")) {
                    files.addAll(archive.files(study, series.trim()));
                } else {
                    for (String sop : keys.get("SOPInstanceUID").split("\\\\")) {
                        archive.locate(study, series.trim(), sop.trim()).ifPresent(files::add);
                    }
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PatientIdentifier patientOf(ArchivedStudy study) {
        ArchivedIdentity identity = ArchiveAnswers.identity(study);
        return identity == null || identity.patientId() == null || identity.issuerOfPatientId() == null ? null
                : new PatientIdentifier(identity.patientId(), identity.issuerOfPatientId());
    }

    @Override
    public Optional<InetSocketAddress> destination(String aeTitle) {
        return destinations.apply(aeTitle);
    }

    @Override
    public void retrieving(String callingAeTitle, String destinationAeTitle, List<PatientIdentifier> patients) {
        access.record(QueryRetrieveViews.MOVE, callingAeTitle, patients,
                "Q/R C-MOVE from " + callingAeTitle + " to " + destinationAeTitle);
    }

    @Override
    public void getting(String callingAeTitle, List<PatientIdentifier> patients) {
        access.record(QueryRetrieveViews.GET, callingAeTitle, patients, "Q/R C-GET from " + callingAeTitle);
    }
}
