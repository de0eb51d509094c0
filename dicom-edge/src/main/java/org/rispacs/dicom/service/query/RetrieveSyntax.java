package org.rispacs.dicom.service.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;
import org.rispacs.dicom.data.DicomWriter;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.ul.pdu.PresentationContextProposal;

/**
 * The transfer syntax a retrieved object travels in on a sub-association (#21): the one it was
 * stored in; an object whose pixel data is not encapsulated may fall back to explicit, then
 * implicit VR little endian, re-encoded losslessly. An encapsulated (compressed) object is never
 * decompressed: a destination that refuses its syntax does not get it.
 */
final class RetrieveSyntax {

    /** Presentation context IDs are the odd numbers 1 to 255 (PS3.8 9.3.2.2). */
    static final int MAX_CONTEXTS = 128;
    private static final int NO_VALUE_LIMIT = Integer.MAX_VALUE - 8;

    private RetrieveSyntax() {
    }

    /** The transfer syntaxes to propose for an object stored in {@code storedUid}, in order of preference. */
    static List<String> proposals(String storedUid) {
        Set<String> proposals = new LinkedHashSet<>();
        proposals.add(storedUid);
        if (reencodable(storedUid)) {
            proposals.add(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
            proposals.add(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid());
        }
        return List.copyOf(proposals);
    }

    /** The first of the proposals the destination accepted, if any. */
    static Optional<String> choose(String storedUid, Predicate<String> accepted) {
        return proposals(storedUid).stream().filter(accepted).findFirst();
    }

    /**
     * One presentation context per SOP class and transfer syntax to propose for objects stored in
     * these syntaxes (by SOP class): the stored ones first, then the fallbacks while there is room.
     */
    static List<PresentationContextProposal> contexts(Map<String, Set<String>> storedSyntaxes) {
        Set<List<String>> wanted = new LinkedHashSet<>();
        storedSyntaxes.forEach((sopClass, syntaxes) -> syntaxes.forEach(
                syntax -> wanted.add(List.of(sopClass, syntax))));
        storedSyntaxes.forEach((sopClass, syntaxes) -> syntaxes.forEach(stored -> proposals(stored).forEach(
                syntax -> wanted.add(List.of(sopClass, syntax)))));
        List<PresentationContextProposal> contexts = new ArrayList<>();
        for (List<String> context : wanted) {
            if (contexts.size() == MAX_CONTEXTS) {
                break;
            }
            contexts.add(new PresentationContextProposal(2 * contexts.size() + 1, context.get(0),
                    List.of(context.get(1))));
        }
        return contexts;
    }

    /** A known syntax whose data set we can read whole and write again (deflated included): not encapsulated. */
    private static boolean reencodable(String uid) {
        return TransferSyntax.forUid(uid).map(syntax -> !syntax.encapsulated()).orElse(false);
    }

    /** Writes the Part 10 file {@code source} again as {@code target}, its data set in another syntax. */
    static void reencode(Path source, Path target, String syntaxUid) throws IOException {
        TransferSyntax syntax = TransferSyntax.forUid(syntaxUid)
                .filter(known -> !known.encapsulated())
                .orElseThrow(() -> new IllegalArgumentException("cannot re-encode into " + syntaxUid));
        try (InputStream in = Files.newInputStream(source); DicomReader reader = new DicomReader(in)) {
            Attributes fmi = reader.readFileMetaInformation();
            if (!reencodable(fmi.getString(Tags.TransferSyntaxUID))) {
                throw new IOException("an encapsulated object is not re-encoded: " + source.getFileName());
            }
            reader.maxValueLength(NO_VALUE_LIMIT);
            Attributes dataset = reader.readDataset();
            fmi.setString(Tags.TransferSyntaxUID, VR.UI, syntax.uid());
            try (OutputStream out = Files.newOutputStream(target); DicomWriter writer = new DicomWriter(out)) {
                writer.writeFileMetaInformation(fmi);
                writer.writeDataset(dataset, syntax);
            }
        }
    }
}
