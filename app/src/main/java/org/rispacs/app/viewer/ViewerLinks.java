package org.rispacs.app.viewer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The links that open studies in the viewers: OHIF served under /viewer/, and Weasis on the reader's computer. */
public final class ViewerLinks {

    /** The browser window the viewer opens in, so that each link reuses the one already open. */
    public static final String WINDOW = "ris-viewer";

    private ViewerLinks() {
    }

    /** OHIF showing one study. */
    public static String study(String studyInstanceUid) {
        return "/viewer/viewer?StudyInstanceUIDs=" + encode(studyInstanceUid);
    }

    /** OHIF showing a study and a prior side by side (OHIF's compare hanging protocol). */
    public static String compare(String studyInstanceUid, String priorStudyInstanceUid) {
        return "/viewer/viewer?StudyInstanceUIDs=" + encode(studyInstanceUid) + "," + encode(priorStudyInstanceUid)
                + "&hangingProtocolId=" + encode("@ohif/hpCompare");
    }

    /**
     * Weasis's launch link: its {@code $dicom:rs} command retrieves the study from our DICOMweb
     * service, {@code base} being the application's address as the reader reaches it.
     */
    public static String weasis(String base, String studyInstanceUid) {
        String command = "$dicom:rs --url \"" + base + "/dicomweb\" -r \"studyUID=" + studyInstanceUid + "\"";
        return "weasis://" + encode(command);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
