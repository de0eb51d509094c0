package org.rispacs.app.dicomweb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rispacs.api.archive.ArchiveLevel;
import org.rispacs.api.archive.ArchiveSearchResult;
import org.rispacs.api.archive.ArchivedStudy;
import org.rispacs.api.archive.SearchArchiveQuery;
import org.rispacs.dicom.archive.Archive;
import org.rispacs.dicom.service.query.ArchiveSearch;
import org.springframework.stereotype.Component;

/**
 * The studies the archive holds: a study's record (its current identity) from the read model, and
 * its files straight from the archive's tree, which a path's UIDs name: serving a frame asks the
 * file system, not a search.
 */
@Component
class ArchivedStudies {

    private final ArchiveSearch search;
    private final Archive archive;

    ArchivedStudies(ArchiveSearch search, Archive archive) {
        this.search = search;
        this.archive = archive;
    }

    /** The study's record, or 404. */
    ArchivedStudy study(String studyInstanceUid) {
        ArchiveSearchResult result;
        try {
            result = search.search(new SearchArchiveQuery(ArchiveLevel.STUDY, studyInstanceUid, null, null, false,
                    0, 1));
        } catch (IllegalArgumentException malformedUid) {
            throw DicomWebException.notFound("study " + studyInstanceUid);
        }
        if (result.matches().isEmpty()) {
            throw DicomWebException.notFound("study " + studyInstanceUid);
        }
        return result.matches().get(0).study();
    }

    /** The file of one instance, or 404. */
    Path file(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        return archive.locate(studyInstanceUid, seriesInstanceUid, sopInstanceUid).orElseThrow(() ->
                DicomWebException.notFound("instance " + sopInstanceUid + " of series " + seriesInstanceUid));
    }

    /** The files of a study, of one series, or of one instance (as far as given), or 404. */
    List<Path> files(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) throws IOException {
        if (sopInstanceUid != null) {
            return List.of(file(studyInstanceUid, seriesInstanceUid, sopInstanceUid));
        }
        List<Path> files = archive.files(studyInstanceUid, seriesInstanceUid);
        if (files.isEmpty()) {
            throw DicomWebException.notFound(seriesInstanceUid != null ? "series " + seriesInstanceUid
                    : "study " + studyInstanceUid);
        }
        return files;
    }

    /** The SOP Instance UID of a file of the tree ({@code <sop>.dcm}). */
    static String instanceOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".dcm".length());
    }

    /** The Series Instance UID of a file of the tree (its folder). */
    static String seriesOf(Path file) {
        return file.getParent().getFileName().toString();
    }
}
