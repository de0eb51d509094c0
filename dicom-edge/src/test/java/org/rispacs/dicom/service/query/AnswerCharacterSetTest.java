package org.rispacs.dicom.service.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;

class AnswerCharacterSetTest {

    @Test
    void anAsciiAnswerNamesNoCharacterSet() {
        Attributes narrowed = AnswerCharacterSet.narrowest(utf8Answer("Doe^Jane", "CT chest"));

        assertThat(narrowed.contains(Tags.SpecificCharacterSet)).isFalse();
        assertThat(narrowed.getBytes(Tags.PatientName)).isEqualTo("Doe^Jane".getBytes(StandardCharsets.US_ASCII));
        assertThat(narrowed.getString(Tags.StudyDescription)).isEqualTo("CT chest");
    }

    @Test
    void aLatinOneAnswerIsInIsoIr100() {
        Attributes narrowed = AnswerCharacterSet.narrowest(utf8Answer("Müller^Anna", "Thorax ohne KM"));

        assertThat(narrowed.getStrings(Tags.SpecificCharacterSet)).containsExactly("ISO_IR 100");
        assertThat(narrowed.getBytes(Tags.PatientName)).isEqualTo("Müller^Anna ".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(narrowed.getString(Tags.PatientName)).isEqualTo("Müller^Anna");
    }

    @Test
    void anAnswerBeyondLatinOneStaysInUtf8WithEveryOtherValueKept() {
        Attributes answer = utf8Answer("Παπαδόπουλος^Νίκος", "CT");
        answer.newSequence(Tags.ProcedureCodeSequence);
        answer.setBytes(Tags.PhysiciansOfRecord, VR.PN, new byte[0]);

        Attributes narrowed = AnswerCharacterSet.narrowest(answer);

        assertThat(narrowed.getStrings(Tags.SpecificCharacterSet)).containsExactly("ISO_IR 192");
        assertThat(narrowed.getString(Tags.PatientName)).isEqualTo("Παπαδόπουλος^Νίκος");
        assertThat(narrowed.getString(Tags.StudyInstanceUID)).isEqualTo("1.2.3");
        assertThat(narrowed.getString(Tags.QueryRetrieveLevel)).isEqualTo("STUDY");
        assertThat(narrowed.vrOf(Tags.ProcedureCodeSequence)).isEqualTo(VR.SQ);
        assertThat(narrowed.getBytes(Tags.PhysiciansOfRecord)).isEmpty();
    }

    private static Attributes utf8Answer(String patientName, String description) {
        Attributes answer = new Attributes();
        answer.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        answer.setString(Tags.PatientName, VR.PN, patientName);
        answer.setString(Tags.StudyDescription, VR.LO, description);
        answer.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3");
        answer.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        return answer;
    }
}
