package org.rispacs.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandardDictionaryTest {

    @Test
    void standardTagsHaveTheirVrAndKeyword() {
        assertThat(Tags.PatientName).isEqualTo(0x00100010);
        assertThat(StandardDictionary.vrOf(Tags.PatientName)).isEqualTo(VR.PN);
        assertThat(StandardDictionary.keywordOf(Tags.PatientName)).isEqualTo("PatientName");
        assertThat(StandardDictionary.vrOf(Tags.ReferencedSOPSequence)).isEqualTo(VR.SQ);
        assertThat(StandardDictionary.vrOf(Tags.TransferSyntaxUID)).isEqualTo(VR.UI);
        assertThat(StandardDictionary.tagOf("StudyInstanceUID")).isEqualTo(0x0020000D);
        assertThat(StandardDictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
    }

    @Test
    void groupLengthsAreUlAndPrivateTagsUn() {
        assertThat(StandardDictionary.vrOf(0x00080000)).isEqualTo(VR.UL);
        assertThat(StandardDictionary.vrOf(0x00090000)).isEqualTo(VR.UL);
        assertThat(StandardDictionary.vrOf(0x00091010)).isEqualTo(VR.UN);
        assertThat(StandardDictionary.vrOf(0x00090010)).as("private creator").isEqualTo(VR.LO);
        assertThat(StandardDictionary.keywordOf(0x00091010)).isNull();
        assertThat(StandardDictionary.vrOf(0x00081234)).as("unknown standard tag").isEqualTo(VR.UN);
    }

    @Test
    void multiVrEntriesTakeTheFirstAndBulkDataIsOw() {
        assertThat(StandardDictionary.vrOf(Tags.SmallestImagePixelValue)).isEqualTo(VR.US);
        assertThat(StandardDictionary.vrOf(Tags.PixelData)).isEqualTo(VR.OW);
    }

    @Test
    void repeatingGroupsAreFoundInEveryEvenGroup() {
        assertThat(Tags.OverlayData).isEqualTo(0x60003000);
        assertThat(StandardDictionary.vrOf(0x60023000)).isEqualTo(VR.OW);
        assertThat(StandardDictionary.keywordOf(0x601E0010)).isEqualTo("OverlayRows");
        assertThat(StandardDictionary.vrOf(0x60010010)).as("odd group is private").isEqualTo(VR.LO);
        assertThat(StandardDictionary.keywordOf(0x00203105)).isEqualTo("RETIRED_SourceImageIDs");
    }

    @Test
    void tagsAboveGroup8000AreFound() {
        assertThat(StandardDictionary.vrOf(Tags.DigitalSignaturesSequence)).isEqualTo(VR.SQ);
        assertThat(StandardDictionary.keywordOf(Tags.DataSetTrailingPadding)).isEqualTo("DataSetTrailingPadding");
        assertThat(StandardDictionary.keywordOf(0xFFFEE000)).isEqualTo("Item");
    }
}
