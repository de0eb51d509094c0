package org.rispacs.dicom.service.query;

import java.util.ArrayList;
import java.util.List;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;
import org.rispacs.dicom.data.charset.SpecificCharacterSet;

/**
 * Puts a C-FIND answer in the narrowest character set its texts need: none named for ASCII,
 * ISO_IR 100 for Latin-1, ISO_IR 192 only beyond it, as the worklist does. Workstations that read
 * no UTF-8 still read every answer whose names they could display.
 */
final class AnswerCharacterSet {

    private AnswerCharacterSet() {
    }

    /** The answer (one level deep, sequences empty, as C-FIND answers are) re-encoded in the narrowest set. */
    static Attributes narrowest(Attributes answer) {
        List<String> texts = new ArrayList<>();
        for (int tag : answer.tags()) {
            if (tag != Tags.SpecificCharacterSet && answer.vrOf(tag).usesSpecificCharacterSet()) {
                String[] values = answer.getStrings(tag);
                texts.add(values == null ? "" : String.join("\\", values));
            }
        }
        SpecificCharacterSet narrowest = SpecificCharacterSet.forText(texts.toArray(String[]::new));
        Attributes narrowed = new Attributes();
        if (narrowest.definedTerms().length > 0) {
            narrowed.setString(Tags.SpecificCharacterSet, VR.CS, narrowest.definedTerms());
        }
        for (int tag : answer.tags()) {
            VR vr = answer.vrOf(tag);
            if (tag == Tags.SpecificCharacterSet) {
                continue;
            }
            if (vr == VR.SQ) {
                narrowed.newSequence(tag);
            } else if (vr.usesSpecificCharacterSet() && answer.getBytes(tag).length > 0) {
                narrowed.setString(tag, vr, answer.getStrings(tag));
            } else {
                narrowed.setBytes(tag, vr, answer.getBytes(tag));
            }
        }
        return narrowed;
    }
}
