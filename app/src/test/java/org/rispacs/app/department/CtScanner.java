package org.rispacs.app.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.app.support.DcmjsScripts.dcmjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.rispacs.app.support.DcmtkTools;
import org.rispacs.dicom.data.Attributes;

/**
 * The department's CT, played by independent DICOM implementations: dcmtk's findscu (worklist),
 * dump2dcm and storescu (images), and dcmjs-dimse on Node.js (MPPS, storage commitment).
 */
final class CtScanner {

    static final String AE_TITLE = "CT1";
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host = "127.0.0.1";
    private final int port;
    private final Path work;

    CtScanner(int port, Path work) {
        this.port = port;
        this.work = work;
    }

    /** What one image carries of its patient and study, as the console wrote it. */
    record Acquisition(String studyInstanceUid, String accessionNumber, String patientId, String issuer,
                       String patientName, String specificCharacterSet, Charset encoding) {

        Acquisition(String studyInstanceUid, String accessionNumber, String patientId, String patientName) {
            this(studyInstanceUid, accessionNumber, patientId, "HOSP", patientName, null, StandardCharsets.US_ASCII);
        }
    }

    /** The worklist items findscu -W receives for a patient id, read back from the files it wrote. */
    List<Attributes> worklist(String patientId) throws Exception {
        return DcmtkTools.findWorklist(work, List.of(
                "(0008,0005) CS [ISO_IR 192]", "(0008,0050) SH", "(0010,0010) PN", "(0010,0020) LO [" + patientId + "]",
                "(0010,0021) LO", "(0010,0030) DA", "(0010,0040) CS", "(0020,000d) UI", "(0032,1060) LO",
                "(0040,1001) SH", "(0040,0100) SQ", "(fffe,e000) -", "(0008,0060) CS", "(0040,0001) AE [" + AE_TITLE
                        + "]", "(0040,0002) DA", "(0040,0003) TM", "(0040,0009) SH", "(fffe,e00d) -",
                "(fffe,e0dd) -"), AE_TITLE, host, port);
    }

    /** Part 10 files of one series of the acquisition, written by dump2dcm. */
    List<Path> images(Acquisition acquisition, String seriesInstanceUid, int count) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String name = "img-" + UUID.randomUUID();
            Path dump = work.resolve(name + ".dump");
            List<String> lines = new ArrayList<>();
            if (acquisition.specificCharacterSet() != null) {
                lines.add("(0008,0005) CS [" + acquisition.specificCharacterSet() + "]");
            }
            lines.addAll(List.of("(0008,0016) UI =CTImageStorage", "(0008,0018) UI [" + seriesInstanceUid + "." + i
                            + "]", "(0008,0050) SH [" + acquisition.accessionNumber() + "]", "(0008,0060) CS [CT]",
                    "(0010,0010) PN [" + acquisition.patientName() + "]",
                    "(0010,0020) LO [" + acquisition.patientId() + "]",
                    "(0010,0021) LO [" + acquisition.issuer() + "]",
                    "(0020,000d) UI [" + acquisition.studyInstanceUid() + "]",
                    "(0020,000e) UI [" + seriesInstanceUid + "]", "(7fe0,0010) OW 0001\\0002", ""));
            Files.write(dump, String.join("\n", lines).getBytes(acquisition.encoding()));
            Path file = work.resolve(name + ".dcm");
            DcmtkTools.run("dump2dcm", dump.toString(), file.toString());
            files.add(file);
        }
        return files;
    }

    /** storescu's C-STOREs of the files; fails unless every one got a success status. */
    String store(List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of("storescu", "-aet", AE_TITLE, "-aec", "RISPACS", host,
                String.valueOf(port)));
        files.forEach(file -> command.add(file.toString()));
        String output = DcmtkTools.run(command.toArray(String[]::new));
        assertThat(output).as("storescu").doesNotContain("Failed").doesNotContain("Error");
        return output;
    }

    /** One MPPS N-CREATE ("create") or N-SET ("set"); the response's status and error comment. */
    JsonNode mpps(String operation, String mppsUid, Map<String, Object> dataset) throws Exception {
        List<JsonNode> lines = dcmjs("mpps.js", host, String.valueOf(port), AE_TITLE, "RISPACS", operation, mppsUid,
                JSON.writeValueAsString(dataset));
        return lines.stream().filter(line -> line.has("status")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no MPPS response: " + lines));
    }

    /**
     * Requests storage commitment of the instances and keeps the association open long enough
     * for the report to come back on it: the N-ACTION response and the N-EVENT-REPORT's data set.
     */
    List<JsonNode> commit(String transactionUid, List<String> sopInstanceUids) throws Exception {
        List<Map<String, String>> references = sopInstanceUids.stream().map(uid -> Map.of(
                "ReferencedSOPClassUID", CT_IMAGE, "ReferencedSOPInstanceUID", uid)).toList();
        return dcmjs("commitment.js", "request", host, String.valueOf(port), AE_TITLE, "RISPACS", "15000",
                JSON.writeValueAsString(Map.of("TransactionUID", transactionUid, "ReferencedSOPSequence",
                        references)));
    }
}
