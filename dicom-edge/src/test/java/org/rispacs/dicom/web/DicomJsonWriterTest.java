package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rispacs.dicom.web.JsonTree.number;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;

class DicomJsonWriterTest {
    private static final int PRIVATE_CREATOR = 0x00090010;
    private static final int PRIVATE_VALUE = 0x00091001;

    @Test
    void multipleResultsAreOneArrayAsInTheStandardsExample() throws IOException {
        Attributes first = new Attributes().setString(Tags.StudyInstanceUID, VR.UI,
            "1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873");
        Attributes second = new Attributes().setString(Tags.StudyInstanceUID, VR.UI,
            "1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (DicomJsonWriter writer = new DicomJsonWriter(out)) {
            writer.startArray();
            writer.write(first, BulkDataUris.inline());
            writer.write(second, BulkDataUris.inline());
            writer.endArray();
        }

        // PS3.18 F.2.1.1.2, without its white space
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("["
            + "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873\"]}},"
            + "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876\"]}}"
            + "]");
    }

    @Test
    void textValuesAreStringsSplitOnBackslashExceptTheSingleValuedTexts() {
        Attributes dataset = new Attributes()
            .setString(Tags.StationAETitle, VR.AE, "STORESCU")
            .setString(Tags.PatientAge, VR.AS, "042Y")
            .setString(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "", "AXIAL")
            .setString(Tags.StudyDate, VR.DA, "20240131")
            .setString(Tags.AcquisitionDateTime, VR.DT, "20240131093000.5")
            .setString(Tags.InstitutionName, VR.LO, "General Hospital")
            .setString(Tags.AdditionalPatientHistory, VR.LT, "  indented\\not split ")
            .setString(Tags.StudyID, VR.SH, "S1")
            .setString(Tags.DerivationDescription, VR.ST, "a\\b")
            .setString(Tags.StudyTime, VR.TM, "093000")
            .setString(Tags.LongCodeValue, VR.UC, "long", "code")
            .setString(Tags.SOPInstanceUID, VR.UI, "1.2.3")
            .setString(Tags.URNCodeValue, VR.UR, "urn:oid:1.2")
            .setString(Tags.PatientComments, VR.UT, "line one\r\nline two");

        Map<String, Object> json = json(dataset);

        assertThat(json).isEqualTo(Map.ofEntries(
            Map.entry(key(Tags.StationAETitle), Map.of("vr", "AE", "Value", List.of("STORESCU"))),
            Map.entry(key(Tags.PatientAge), Map.of("vr", "AS", "Value", List.of("042Y"))),
            Map.entry(key(Tags.ImageType), Map.of("vr", "CS", "Value",
                Arrays.asList("ORIGINAL", "PRIMARY", null, "AXIAL"))),
            Map.entry(key(Tags.StudyDate), Map.of("vr", "DA", "Value", List.of("20240131"))),
            Map.entry(key(Tags.AcquisitionDateTime), Map.of("vr", "DT", "Value", List.of("20240131093000.5"))),
            Map.entry(key(Tags.InstitutionName), Map.of("vr", "LO", "Value", List.of("General Hospital"))),
            Map.entry(key(Tags.AdditionalPatientHistory), Map.of("vr", "LT", "Value",
                List.of("  indented\\not split"))),
            Map.entry(key(Tags.StudyID), Map.of("vr", "SH", "Value", List.of("S1"))),
            Map.entry(key(Tags.DerivationDescription), Map.of("vr", "ST", "Value", List.of("a\\b"))),
            Map.entry(key(Tags.StudyTime), Map.of("vr", "TM", "Value", List.of("093000"))),
            Map.entry(key(Tags.LongCodeValue), Map.of("vr", "UC", "Value", List.of("long", "code"))),
            Map.entry(key(Tags.SOPInstanceUID), Map.of("vr", "UI", "Value", List.of("1.2.3"))),
            Map.entry(key(Tags.URNCodeValue), Map.of("vr", "UR", "Value", List.of("urn:oid:1.2"))),
            Map.entry(key(Tags.PatientComments), Map.of("vr", "UT", "Value", List.of("line one\r\nline two")))));
    }

    @Test
    void membersComeInAscendingTagOrderWithoutGroupLengthsOrFileMetaInformation() {
        Attributes dataset = new Attributes()
            .setString(Tags.PatientName, VR.PN, "Doe^John")
            .setInt(0x00080000, VR.UL, 42)
            .setString(Tags.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.1")
            .setString(PRIVATE_CREATOR, VR.LO, "RISPACS")
            .setString(Tags.StudyInstanceUID, VR.UI, "1.2")
            .setString(Tags.Modality, VR.CS, "CT");
        dataset.setInt(Tags.PixelData, VR.OW, 1);

        assertThat(json(dataset).keySet()).containsExactly("00080060", "00090010", "00100010", "0020000D",
            "7FE00010");
    }

    @Test
    void personNamesAreObjectsOfTheirNonEmptyComponentGroups() {
        Attributes dataset = new Attributes().setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        dataset.setString(Tags.PatientName, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        dataset.setString(Tags.ReferringPhysicianName, VR.PN, "Smith^Anne==Smyth^Ann", "", "=Wang^Fang",
            "Doe^^^Dr.");

        Map<String, Object> json = json(dataset);

        assertThat(json.get("00100010")).isEqualTo(Map.of("vr", "PN", "Value", List.of(Map.of(
            "Alphabetic", "Yamada^Tarou", "Ideographic", "山田^太郎", "Phonetic", "やまだ^たろう"))));
        assertThat(json.get("00080090")).isEqualTo(Map.of("vr", "PN", "Value", Arrays.asList(
            Map.of("Alphabetic", "Smith^Anne", "Phonetic", "Smyth^Ann"),
            null,
            Map.of("Ideographic", "Wang^Fang"),
            Map.of("Alphabetic", "Doe^^^Dr."))));
    }

    @Test
    void textIsDecodedWithTheSpecificCharacterSetOfTheDataSetAndOfItsParent() {
        Attributes dataset = new Attributes().setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        dataset.setBytes(Tags.PatientName, VR.PN, "M\u00fcller^J\u00fcrgen".getBytes(StandardCharsets.ISO_8859_1));
        Attributes item = dataset.newSequence(Tags.ReferencedStudySequence).addNewItem();
        item.setBytes(Tags.TextValue, VR.UT, "Gr\u00f6\u00dfe \u00e9tendue".getBytes(StandardCharsets.ISO_8859_1));

        byte[] bytes = DicomJsonWriter.toBytes(dataset, BulkDataUris.inline());

        Map<String, Object> json = JsonTree.object(bytes);
        assertThat(json.get("00100010")).isEqualTo(Map.of("vr", "PN", "Value",
            List.of(Map.of("Alphabetic", "Müller^Jürgen"))));
        assertThat(json.get("00081110")).isEqualTo(Map.of("vr", "SQ", "Value",
            List.of(Map.of("0040A160", Map.of("vr", "UT", "Value", List.of("Größe étendue"))))));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("Müller^Jürgen");
        assertThat(json.get("00080005")).as("the JSON is Unicode, whatever the data set was")
            .isEqualTo(Map.of("vr", "CS", "Value", List.of("ISO_IR 192")));
    }

    @Test
    void numericVrsAreJsonNumbers() {
        Attributes dataset = new Attributes()
            .setString(Tags.InstanceNumber, VR.IS, " 12", "-3", "+4", "")
            .setString(Tags.PixelSpacing, VR.DS, "0.50", "-2.5e-1", "007", ".5", "1E3 ")
            .setInt(Tags.SelectorSSValue, VR.SS, -32768, 32767)
            .setInt(Tags.SelectorUSValue, VR.US, 0, 65535)
            .setInt(Tags.SelectorSLValue, VR.SL, Integer.MIN_VALUE)
            .setInt(Tags.SelectorULValue, VR.UL, -1)
            .setDouble(Tags.SelectorFLValue, VR.FL, 0.1, -2.5)
            .setDouble(Tags.SelectorFDValue, VR.FD, 0.1, 1e300);
        dataset.setBytes(Tags.SelectorSVValue, VR.SV, HexFormat.of().parseHex("0000000000000080"));
        dataset.setBytes(Tags.SelectorUVValue, VR.UV, HexFormat.of().parseHex("ffffffffffffffff"));

        byte[] bytes = DicomJsonWriter.toBytes(dataset, BulkDataUris.inline());

        Map<String, Object> json = JsonTree.object(bytes);
        assertThat(values(json, Tags.InstanceNumber)).isEqualTo(
            Arrays.asList(number("12"), number("-3"), number("4"), null));
        assertThat(values(json, Tags.PixelSpacing)).containsExactly(number("0.5"), number("-0.25"), number("7"),
            number("0.5"), number("1000"));
        assertThat(values(json, Tags.SelectorSSValue)).containsExactly(number("-32768"), number("32767"));
        assertThat(values(json, Tags.SelectorUSValue)).containsExactly(number("0"), number("65535"));
        assertThat(values(json, Tags.SelectorSLValue)).containsExactly(number("-2147483648"));
        assertThat(values(json, Tags.SelectorULValue)).containsExactly(number("4294967295"));
        assertThat(values(json, Tags.SelectorSVValue)).containsExactly(number("-9223372036854775808"));
        assertThat(values(json, Tags.SelectorUVValue)).containsExactly(number("18446744073709551615"));
        assertThat(values(json, Tags.SelectorFDValue)).containsExactly(number("0.1"), number("1e300"));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).as("FL keeps its own precision, DS its own digits")
            .contains("\"Value\":[0.1,-2.5]").contains("\"Value\":[0.50,-2.5e-1,7,0.5,1E3]");
    }

    @Test
    void decimalStringsThatAreNoNumbersBecomeNullsAndNonFiniteFloatsStrings() {
        Attributes dataset = new Attributes()
            .setString(Tags.PixelSpacing, VR.DS, "0.5", "abc", "NaN")
            .setString(Tags.InstanceNumber, VR.IS, "1.5", "7.0", "x")
            .setDouble(Tags.SelectorFDValue, VR.FD, Double.NaN, Double.NEGATIVE_INFINITY)
            .setDouble(Tags.SelectorFLValue, VR.FL, Double.POSITIVE_INFINITY);

        Map<String, Object> json = json(dataset);

        assertThat(values(json, Tags.PixelSpacing)).isEqualTo(Arrays.asList(number("0.5"), null, null));
        assertThat(values(json, Tags.InstanceNumber)).isEqualTo(Arrays.asList(null, number("7"), null));
        assertThat(values(json, Tags.SelectorFDValue)).containsExactly("NaN", "-Infinity");
        assertThat(values(json, Tags.SelectorFLValue)).containsExactly("Infinity");
    }

    @Test
    void attributeTagsAreEightHexDigits() {
        Attributes dataset = new Attributes().setInt(Tags.FrameIncrementPointer, VR.AT, Tags.PatientName,
            Tags.PixelData, 0x0009ABCD);

        assertThat(values(json(dataset), Tags.FrameIncrementPointer))
            .containsExactly("00100010", "7FE00010", "0009ABCD");
    }

    @Test
    void sequencesAreArraysOfNestedObjectsAndEmptyItemsEmptyObjects() {
        Attributes dataset = new Attributes();
        Sequence sequence = dataset.newSequence(Tags.ContentSequence);
        Attributes first = sequence.addNewItem().setString(Tags.CodeValue, VR.SH, "121071");
        first.newSequence(Tags.ConceptNameCodeSequence).addNewItem().setString(Tags.CodeValue, VR.SH, "deep");
        sequence.addNewItem();
        dataset.newSequence(Tags.ReferencedStudySequence);

        Map<String, Object> json = json(dataset);

        assertThat(json.get("0040A730")).isEqualTo(Map.of("vr", "SQ", "Value", List.of(
            Map.of("00080100", Map.of("vr", "SH", "Value", List.of("121071")),
                "0040A043", Map.of("vr", "SQ", "Value", List.of(
                    Map.of("00080100", Map.of("vr", "SH", "Value", List.of("deep")))))),
            Map.of())));
        assertThat(json.get("00081110")).isEqualTo(Map.of("vr", "SQ"));
    }

    @Test
    void emptyValuesHaveOnlyTheirVr() {
        Attributes dataset = new Attributes()
            .setString(Tags.PatientName, VR.PN)
            .setString(Tags.InstitutionName, VR.LO)
            .setString(Tags.InstanceNumber, VR.IS)
            .setInt(Tags.Rows, VR.US)
            .setInt(Tags.FrameIncrementPointer, VR.AT);
        dataset.setBytes(Tags.PixelData, VR.OB, new byte[0]);
        List<String> asked = new ArrayList<>();

        Map<String, Object> json = JsonTree.object(DicomJsonWriter.toBytes(dataset, path -> {
            asked.add(Arrays.toString(path));
            return "http://unused";
        }));

        assertThat(json.values()).hasSize(6).allSatisfy(element -> assertThat((Map<?, ?>) element).hasSize(1));
        assertThat(json.get("00100010")).isEqualTo(Map.of("vr", "PN"));
        assertThat(json.get("7FE00010")).isEqualTo(Map.of("vr", "OB"));
        assertThat(asked).as("an empty value needs no bulk data").isEmpty();
    }

    @Test
    void binaryValuesAreInlinedInLittleEndianUnlessTheyHaveABulkDataUri() {
        Attributes dataset = new Attributes(true);
        dataset.setInt(Tags.Rows, VR.US, 513);
        dataset.setInt(Tags.PixelData, VR.OW, 0x0102, 0x0304);
        dataset.setBytes(Tags.OverlayData | 0x00020000, VR.OB, new byte[] {1, 2, 3});
        dataset.setDouble(Tags.DoubleFloatPixelData, VR.OD, 1.0);
        dataset.setString(PRIVATE_CREATOR, VR.LO, "RISPACS");
        dataset.setBytes(PRIVATE_VALUE, VR.UN, "raw".getBytes(StandardCharsets.US_ASCII));

        Map<String, Object> json = json(dataset);

        assertThat(values(json, Tags.Rows)).containsExactly(number("513"));
        assertThat(json.get("7FE00010")).isEqualTo(Map.of("vr", "OW", "InlineBinary", "AgEEAw=="));
        assertThat(json.get("60023000")).isEqualTo(Map.of("vr", "OB", "InlineBinary", "AQID"));
        assertThat(json.get("7FE00009")).isEqualTo(Map.of("vr", "OD", "InlineBinary", "AAAAAAAA8D8="));
        assertThat(json.get("00091001")).isEqualTo(Map.of("vr", "UN", "InlineBinary", "cmF3"));
    }

    @Test
    void bulkDataUrisAreAskedWithTheTagPathOfEachBinaryValue() {
        Attributes dataset = new Attributes();
        dataset.setInt(Tags.PixelData, VR.OW, 1, 2);
        dataset.setBytes(Tags.EncapsulatedDocument, VR.OB, new byte[] {'%', 'P', 'D', 'F'});
        Sequence icons = dataset.newSequence(Tags.IconImageSequence);
        icons.addNewItem().setInt(Tags.PixelData, VR.OW, 1);
        icons.addNewItem().setInt(Tags.PixelData, VR.OW, 9);
        List<String> asked = new ArrayList<>();

        Map<String, Object> json = JsonTree.object(DicomJsonWriter.toBytes(dataset, path -> {
            asked.add(Arrays.toString(Arrays.stream(path).mapToObj(tag -> String.format("%08X", tag)).toArray()));
            return path.length == 1 && path[0] == Tags.PixelData ? "https://pacs/bulk/pixels" : null;
        }));

        assertThat(json.get("7FE00010")).isEqualTo(Map.of("vr", "OW", "BulkDataURI", "https://pacs/bulk/pixels"));
        assertThat(json.get("00420011")).isEqualTo(Map.of("vr", "OB", "InlineBinary", "JVBERg=="));
        assertThat(json.get("00880200")).isEqualTo(Map.of("vr", "SQ", "Value", List.of(
            Map.of("7FE00010", Map.of("vr", "OW", "InlineBinary", "AQA=")),
            Map.of("7FE00010", Map.of("vr", "OW", "InlineBinary", "CQA=")))));
        assertThat(asked).containsExactly("[00420011]", "[00880200, 7FE00010]", "[00880200, 7FE00010]",
            "[7FE00010]");
    }

    @Test
    void encapsulatedFragmentsGetTheirBulkDataUriOrNoValue() {
        Attributes dataset = new Attributes();
        List<byte[]> fragments = dataset.newFragments(Tags.PixelData, VR.OB);
        fragments.add(new byte[0]);
        fragments.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});

        Map<String, Object> withUri = JsonTree.object(DicomJsonWriter.toBytes(dataset,
            path -> "https://pacs/studies/1/series/2/instances/3/frames/1"));
        Map<String, Object> inline = json(dataset);

        assertThat(withUri.get("7FE00010")).isEqualTo(Map.of("vr", "OB",
            "BulkDataURI", "https://pacs/studies/1/series/2/instances/3/frames/1"));
        assertThat(inline.get("7FE00010")).isEqualTo(Map.of("vr", "OB"));
    }

    @Test
    void closingFlushesButLeavesTheOutputStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) {
                bytes.write(buffer, offset, length);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };

        DicomJsonWriter writer = new DicomJsonWriter(out);
        writer.write(new Attributes().setString(Tags.Modality, VR.CS, "MR"), BulkDataUris.inline());
        writer.close();

        assertThat(closed[0]).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8))
            .isEqualTo("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"MR\"]}}");
    }

    private static String key(int tag) {
        return String.format("%08X", tag);
    }

    private static Map<String, Object> json(Attributes dataset) {
        return JsonTree.object(DicomJsonWriter.toBytes(dataset, BulkDataUris.inline()));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> values(Map<String, Object> json, int tag) {
        Map<String, Object> element = (Map<String, Object>) json.get(String.format("%08X", tag));
        assertThat(element).as("element %08X", tag).isNotNull();
        return (List<Object>) element.get("Value");
    }
}
