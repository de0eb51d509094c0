package org.rispacs.fhir.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

class StudyIdentifierTest {

    @Test
    void theDicomUidSystemNamesAStudyInstanceUidAndNoSystemTheAccessionOrTheUid() {
        assertThat(StudyIdentifier.of(new TokenParam("urn:dicom:uid", "urn:oid:1.2.3")))
                .contains(new StudyIdentifier("1.2.3", null));
        assertThat(StudyIdentifier.of(new TokenParam(null, "urn:oid:1.2.3")))
                .contains(new StudyIdentifier("1.2.3", null));
        assertThat(StudyIdentifier.of(new TokenParam(null, "ACC-1"))).contains(new StudyIdentifier(null, "ACC-1"));
        assertThat(StudyIdentifier.of(new TokenParam("", "urn:oid:1.2.3")))
                .as("|value: an identifier without a system, an accession")
                .contains(new StudyIdentifier(null, "urn:oid:1.2.3"));
    }

    @Test
    void anIdentifierOfNoSystemOfOursNamesNothingAndAMissingValueOrAModifierIsRefused() {
        assertThat(StudyIdentifier.of(new TokenParam("urn:dicom:uid", "1.2.3"))).isEmpty();
        assertThat(StudyIdentifier.of(new TokenParam("http://elsewhere.example", "ACC-1"))).isEmpty();
        assertThatThrownBy(() -> StudyIdentifier.of(new TokenParam("urn:dicom:uid", "")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> StudyIdentifier.of(new TokenParam(null, "ACC-1").setModifier(TokenParamModifier.TEXT)))
                .isInstanceOf(InvalidRequestException.class);
    }
}
