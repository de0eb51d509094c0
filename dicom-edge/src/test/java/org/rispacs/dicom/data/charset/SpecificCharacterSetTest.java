package org.rispacs.dicom.data.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificCharacterSetTest {

    private static final int ESC = 0x1B;

    /** Concatenates the parts: a String is taken as ASCII, an int[] as byte values. */
    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                text.chars().forEach(c -> {
                    if (c > 0x7F) {
                        throw new IllegalArgumentException("ASCII only: " + text);
                    }
                    out.write(c);
                });
            } else {
                for (int b : (int[]) part) {
                    out.write(b);
                }
            }
        }
        return out.toByteArray();
    }

    static int[] b(int... values) {
        return values;
    }

    static byte[] hex(String hexBytes) {
        String[] pairs = hexBytes.trim().split("\\s+");
        byte[] result = new byte[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            result[i] = (byte) Integer.parseInt(pairs[i], 16);
        }
        return result;
    }

    static String decode(SpecificCharacterSet cs, byte[] bytes, boolean personName) {
        return cs.decode(bytes, 0, bytes.length, personName);
    }

    // Escape sequences of PS3.3 Table C.12-3 and C.12-4
    static final int[] TO_ASCII = {ESC, '(', 'B'};
    static final int[] TO_ROMAJI = {ESC, '(', 'J'};
    static final int[] TO_JIS_X0208 = {ESC, '$', 'B'};
    static final int[] TO_JIS_X0212 = {ESC, '$', '(', 'D'};
    static final int[] TO_KS_X1001 = {ESC, '$', ')', 'C'};
    static final int[] TO_GB2312 = {ESC, '$', ')', 'A'};
    static final int[] TO_LATIN_1 = {ESC, '-', 'A'};
    static final int[] TO_CYRILLIC = {ESC, '-', 'L'};

    static Stream<Arguments> singleByteExamples() {
        return Stream.of(
                Arguments.of("100", "Buc^Jérôme", "42 75 63 5E 4A E9 72 F4 6D 65", 'A'),
                Arguments.of("101", "Wałęsa^Lech", "57 61 B3 EA 73 61 5E 4C 65 63 68", 'B'),
                Arguments.of("109", "Ġorġ^Ħabib", "D5 6F 72 F5 5E A1 61 62 69 62", 'C'),
                Arguments.of("110", "Ķēniņš^Jānis", "D3 BA 6E 69 F1 B9 5E 4A E0 6E 69 73", 'D'),
                // PS3.5 Annex: the Cyrillic example really mixes Latin c, e, y and p into the word.
                Arguments.of("144", "Люкceмбypг", "BB EE DA 63 65 DC D1 79 70 D3", 'L'),
                Arguments.of("127", "قباني^لنزار", "E2 C8 C7 E6 EA 5E E4 E6 D2 C7 D1", 'G'),
                Arguments.of("126", "Διονυσιος", "C4 E9 EF ED F5 F3 E9 EF F2", 'F'),
                Arguments.of("138", "שרון^דבורה", "F9 F8 E5 EF 5E E3 E1 E5 F8 E4", 'H'),
                Arguments.of("148", "Çavuşoğlu^Şükrü", "C7 61 76 75 FE 6F F0 6C 75 5E DE FC 6B 72 FC", 'M'),
                Arguments.of("166", "ประเทศไทย", "BB C3 D0 E0 B7 C8 E4 B7 C2", 'T'),
                Arguments.of("13", "ﾔﾏﾀﾞ^ﾀﾛｳ", "D4 CF C0 DE 5E C0 DB B3", 'I'));
    }

    @ParameterizedTest(name = "ISO_IR {0}: {1}")
    @MethodSource("singleByteExamples")
    void decodesAndEncodesSingleByteSets(String irNumber, String text, String encoded, char finalByte) {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR " + irNumber);

        assertThat(decode(cs, hex(encoded), true)).isEqualTo(text);
        assertThat(cs.encode(text, true)).isEqualTo(hex(encoded));
        assertThat(cs.definedTerms()).containsExactly("ISO_IR " + irNumber);
    }

    @ParameterizedTest(name = "ISO 2022 IR {0}: {1}")
    @MethodSource("singleByteExamples")
    void singleByteSetsAsCodeExtensionsAreSwitchedToByEscapeSequence(String irNumber, String text, String encoded,
            char finalByte) {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 6", "ISO 2022 IR " + irNumber);
        int intermediate = "13".equals(irNumber) ? ')' : '-';
        byte[] withEscape = bytes(b(ESC, intermediate, finalByte), b(toInts(hex(encoded))));

        assertThat(decode(cs, withEscape, false)).isEqualTo(text);
        assertThat(decode(cs, cs.encode(text, false), false)).isEqualTo(text);
        assertThat(decode(cs, cs.encode(text, true), true)).isEqualTo(text);
    }

    static int[] toInts(byte[] bytes) {
        int[] result = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            result[i] = bytes[i] & 0xFF;
        }
        return result;
    }

    @Nested
    class DefaultRepertoire {

        @Test
        void absentEmptyAndIsoIr6AllMeanTheDefault() {
            assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.DEFAULT);
            assertThat(SpecificCharacterSet.of((String[]) null)).isSameAs(SpecificCharacterSet.DEFAULT);
            assertThat(SpecificCharacterSet.of("")).isSameAs(SpecificCharacterSet.DEFAULT);
            assertThat(SpecificCharacterSet.of(" ISO_IR 6 ")).isSameAs(SpecificCharacterSet.DEFAULT);
            assertThat(SpecificCharacterSet.DEFAULT.definedTerms()).isEmpty();
        }

        @Test
        void decodesAndEncodesAscii() {
            SpecificCharacterSet cs = SpecificCharacterSet.DEFAULT;
            byte[] encoded = "Doe^John\\Smith~{}".getBytes(StandardCharsets.US_ASCII);

            assertThat(decode(cs, encoded, true)).isEqualTo("Doe^John\\Smith~{}");
            assertThat(cs.encode("Doe^John\\Smith~{}", true)).isEqualTo(encoded);
        }

        @Test
        void readsUndeclaredHighBytesAsLatin1() {
            assertThat(decode(SpecificCharacterSet.DEFAULT, hex("4A E9 72 F4 6D 65"), false)).isEqualTo("Jérôme");
        }

        @Test
        void refusesToEncodeWhatAsciiCannotHold() {
            assertThatThrownBy(() -> SpecificCharacterSet.DEFAULT.encode("Jérôme", false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("U+E9");
        }
    }

    @Nested
    class Japanese {

        // PS3.5 H.3.1: (0008,0005) \ISO 2022 IR 87
        private final byte[] annexH31 = bytes("Yamada^Tarou=",
                TO_JIS_X0208, b(0x3B, 0x33, 0x45, 0x44), TO_ASCII, "^",
                TO_JIS_X0208, b(0x42, 0x40, 0x4F, 0x3A), TO_ASCII, "=",
                TO_JIS_X0208, b(0x24, 0x64, 0x24, 0x5E, 0x24, 0x40), TO_ASCII, "^",
                TO_JIS_X0208, b(0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26), TO_ASCII);

        // PS3.5 H.3.2: (0008,0005) ISO 2022 IR 13\ISO 2022 IR 87
        private final byte[] annexH32 = bytes(b(0xD4, 0xCF, 0xC0, 0xDE), "^", b(0xC0, 0xDB, 0xB3), "=",
                TO_JIS_X0208, b(0x3B, 0x33, 0x45, 0x44), TO_ROMAJI, "^",
                TO_JIS_X0208, b(0x42, 0x40, 0x4F, 0x3A), TO_ROMAJI, "=",
                TO_JIS_X0208, b(0x24, 0x64, 0x24, 0x5E, 0x24, 0x40), TO_ROMAJI, "^",
                TO_JIS_X0208, b(0x24, 0x3F, 0x24, 0x6D, 0x24, 0x26), TO_ROMAJI);

        @Test
        void decodesAnnexH31() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");

            assertThat(decode(cs, annexH31, true)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
        }

        @Test
        void encodesAnnexH31ByteForByte() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");

            assertThat(cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", true)).isEqualTo(annexH31);
            assertThat(cs.definedTerms()).containsExactly("", "ISO 2022 IR 87");
        }

        @Test
        void decodesAnnexH32() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");

            assertThat(decode(cs, annexH32, true)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        }

        @Test
        void encodesAnnexH32ByteForByte() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");

            assertThat(cs.encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", true)).isEqualTo(annexH32);
        }

        @Test
        void isoIr13AsValue1IsReadAsItsCodeExtensionForm() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13", "ISO 2022 IR 87");

            assertThat(decode(cs, annexH32, true)).isEqualTo("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう");
        }

        @Test
        void decodesAndEncodesSupplementaryKanjiOfJisX0212() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
            byte[] encoded = bytes("A", TO_JIS_X0212, b(0x30, 0x21), TO_JIS_X0208, b(0x3B, 0x33), TO_ASCII, "^B");

            assertThat(decode(cs, encoded, true)).isEqualTo("A丂山^B");
            assertThat(cs.encode("A丂山^B", true)).isEqualTo(encoded);
        }

        @Test
        void aDoubleByteCodeContaining5cIsNoValueDelimiter() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
            // 0x21 0x5C is FULLWIDTH PLUS SIGN; were 0x5C taken as a delimiter, 0x3B 0x33 would be read as ASCII.
            byte[] encoded = bytes(TO_JIS_X0208, b(0x21, 0x5C, 0x3B, 0x33), TO_ASCII, "\\x");

            assertThat(decode(cs, encoded, false)).isEqualTo("＋山\\x");
            assertThat(cs.encode("＋山\\x", false)).isEqualTo(encoded);
        }

        @Test
        void returnsToTheInitialSetAtLineEndsInText() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
            byte[] encoded = cs.encode("山田\r\n太郎", false);

            assertThat(encoded).isEqualTo(bytes(TO_JIS_X0208, b(0x3B, 0x33, 0x45, 0x44), TO_ASCII, "\r\n",
                    TO_JIS_X0208, b(0x42, 0x40, 0x4F, 0x3A), TO_ASCII));
            assertThat(decode(cs, encoded, false)).isEqualTo("山田\r\n太郎");
        }

        @Test
        void resetsToTheInitialSetAtDelimitersEvenWithoutEscape() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
            // A careless writer omitted ESC ( B before the delimiter: "^Ab" after it is still ASCII.
            byte[] encoded = bytes(TO_JIS_X0208, b(0x3B, 0x33), TO_ASCII, "^", TO_JIS_X0208, b(0x45, 0x44), "\r",
                    "Ab");

            assertThat(decode(cs, encoded, true)).isEqualTo("山^田\rAb");
        }
    }

    @Nested
    class Korean {

        // PS3.5 I.2: (0008,0005) \ISO 2022 IR 149
        private final byte[] annexI2 = bytes("Hong^Gildong=",
                TO_KS_X1001, b(0xFB, 0xF3), "^",
                TO_KS_X1001, b(0xD1, 0xCE, 0xD4, 0xD7), "=",
                TO_KS_X1001, b(0xC8, 0xAB), "^",
                TO_KS_X1001, b(0xB1, 0xE6, 0xB5, 0xBF));

        @Test
        void decodesAnnexI2() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");

            assertThat(decode(cs, annexI2, true)).isEqualTo("Hong^Gildong=洪^吉洞=홍^길동");
        }

        @Test
        void encodesAnnexI2ByteForByte() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");

            assertThat(cs.encode("Hong^Gildong=洪^吉洞=홍^길동", true)).isEqualTo(annexI2);
        }

        @Test
        void readsKsX1001WithoutItsEscapeSequence() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");

            assertThat(decode(cs, bytes("Hong^Gildong=", b(0xFB, 0xF3), "^", b(0xD1, 0xCE, 0xD4, 0xD7)), true))
                    .isEqualTo("Hong^Gildong=洪^吉洞");
        }

        @Test
        void roundTripsMultiLineText() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
            String text = "1. 흉부 X선\r\n2. 정상 소견입니다.";

            assertThat(decode(cs, cs.encode(text, false), false)).isEqualTo(text);
        }
    }

    @Nested
    class Chinese {

        @Test
        void decodesAndEncodesUtf8OfAnnexJ() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
            byte[] encoded = bytes("Wang^XiaoDong=", b(0xE7, 0x8E, 0x8B), "^", b(0xE5, 0xB0, 0x8F, 0xE6, 0x9D, 0xB1),
                    "=");

            assertThat(decode(cs, encoded, true)).isEqualTo("Wang^XiaoDong=王^小東=");
            assertThat(cs.encode("Wang^XiaoDong=王^小東=", true)).isEqualTo(encoded);
            assertThat(cs.definedTerms()).containsExactly("ISO_IR 192");
        }

        @Test
        void decodesAndEncodesGb18030OfAnnexJ() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("GB18030");
            byte[] encoded = bytes("Wang^XiaoDong=", b(0xCD, 0xF5), "^", b(0xD0, 0xA1, 0xB6, 0xAB), "=");

            assertThat(decode(cs, encoded, true)).isEqualTo("Wang^XiaoDong=王^小东=");
            assertThat(cs.encode("Wang^XiaoDong=王^小东=", true)).isEqualTo(encoded);
        }

        @Test
        void gb18030CoversCharactersBeyondTheBmp() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("GB18030");
            String text = "𠀀^李";

            assertThat(decode(cs, cs.encode(text, true), true)).isEqualTo(text);
        }

        @Test
        void decodesAndEncodesGbk() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("GBK");
            byte[] encoded = bytes("Wang^XiaoDong=", b(0xCD, 0xF5), "^", b(0xD0, 0xA1, 0xB6, 0xAB), "=");

            assertThat(decode(cs, encoded, true)).isEqualTo("Wang^XiaoDong=王^小东=");
            assertThat(cs.encode("Wang^XiaoDong=王^小东=", true)).isEqualTo(encoded);
        }

        @Test
        void decodesAndEncodesGb2312PersonNameWithCodeExtensions() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
            byte[] encoded = bytes("Zhang^XiaoDong=", TO_GB2312, b(0xD5, 0xC5), "^",
                    TO_GB2312, b(0xD0, 0xA1, 0xB6, 0xAB), "=");

            assertThat(decode(cs, encoded, true)).isEqualTo("Zhang^XiaoDong=张^小东=");
            assertThat(cs.encode("Zhang^XiaoDong=张^小东=", true)).isEqualTo(encoded);
        }

        @Test
        void decodesTheLongTextOfAnnexK3() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
            int[] lineText = {0xD0, 0xD0, 0xCE, 0xC4, 0xD7, 0xD6, 0xA1, 0xA3};
            byte[] encoded = bytes(
                    "1.", TO_GB2312, b(0xB5, 0xDA, 0xD2, 0xBB), lineText, TO_ASCII, "\r\n",
                    "2.", TO_GB2312, b(0xB5, 0xDA, 0xB6, 0xFE), lineText, TO_ASCII, "\r\n",
                    "3.", TO_GB2312, b(0xB5, 0xDA, 0xC8, 0xFD), lineText, TO_ASCII, "\r\n ");

            assertThat(decode(cs, encoded, false)).isEqualTo("1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n ");
        }
    }

    @Nested
    class CodeExtensionsBetweenSingleByteSets {

        @Test
        void switchesG1BetweenLatin1AndCyrillic() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144");
            byte[] encoded = bytes("J", b(0xE9), "r", b(0xF4), "me ", TO_CYRILLIC, b(0xBB, 0xEE, 0xDA), TO_LATIN_1,
                    "\\", b(0xE9));

            assertThat(decode(cs, encoded, false)).isEqualTo("Jérôme Люк\\é");
            assertThat(cs.encode("Jérôme Люк\\é", false)).isEqualTo(encoded);
        }
    }

    @Nested
    class Leniency {

        @Test
        void readsUnknownDefinedTermsAsLatin1() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");

            assertThat(decode(cs, hex("4A E9 72 F4 6D 65"), false)).isEqualTo("Jérôme");
            assertThat(cs.definedTerms()).containsExactly("ISO_IR 999");
        }

        @Test
        void matchesDefinedTermsLoosely() {
            assertThat(SpecificCharacterSet.of("iso-ir 100 ").definedTerms()).containsExactly("ISO_IR 100");
            assertThat(SpecificCharacterSet.of("ISO_IR 100")).isEqualTo(SpecificCharacterSet.of("ISO-IR100"));
            assertThat(SpecificCharacterSet.of("\u0000", "iso 2022 ir 87", "").definedTerms())
                    .containsExactly("", "ISO 2022 IR 87");
        }

        @Test
        void aMultiByteSetAsValue1IsUsedAsAnExtension() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 149");

            assertThat(decode(cs, bytes("Hong^", TO_KS_X1001, b(0xFB, 0xF3)), true)).isEqualTo("Hong^洪");
        }

        @Test
        void neverThrowsOnArbitraryBytes() {
            Random random = new Random(20240901);
            String[][] sets = {{}, {"ISO_IR 100"}, {"ISO_IR 13"}, {"ISO_IR 166"}, {"ISO_IR 192"}, {"GB18030"},
                {"", "ISO 2022 IR 87", "ISO 2022 IR 159"}, {"ISO 2022 IR 13", "ISO 2022 IR 87"},
                {"", "ISO 2022 IR 149"}, {"", "ISO 2022 IR 58"}, {"UNHEARD OF"}};
            for (String[] terms : sets) {
                SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
                for (int round = 0; round < 200; round++) {
                    byte[] noise = new byte[random.nextInt(40)];
                    random.nextBytes(noise);
                    for (int i = 0; i < noise.length; i++) {
                        if (random.nextInt(8) == 0) {
                            noise[i] = (byte) ESC;
                        }
                    }
                    assertThat(cs.decode(noise, 0, noise.length, random.nextBoolean())).isNotNull();
                }
            }
        }

        @Test
        void decodesWithinTheGivenRange() {
            byte[] buffer = bytes("xx", b(0xE9), "yy");

            assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(buffer, 1, 3, false)).isEqualTo("xéy");
        }
    }

    @Nested
    class Encoding {

        @Test
        void refusesCharactersOutsideTheRepertoires() {
            assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 100").encode("Люк", false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SpecificCharacterSet.of("", "ISO 2022 IR 87").encode("홍", true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SpecificCharacterSet.of("", "ISO 2022 IR 149").encode("é", true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 192").encode("\uD800", true))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aSingleValueAllowsNoEscapeSequences() {
            assertThatThrownBy(() -> SpecificCharacterSet.of("ISO_IR 13").encode("山", true))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void roundTripsEveryRepertoire() {
            String[][] cases = {
                {"ISO_IR 100", "Müller^Zoë=àçñ"},
                {"ISO_IR 101", "Dvořák^Přemysl"},
                {"ISO_IR 109", "Ċaqnu^Ġużeppi"},
                {"ISO_IR 110", "Ūdris^Ķārlis"},
                {"ISO_IR 144", "Иванов^Иван"},
                {"ISO_IR 127", "محمد^علي"},
                {"ISO_IR 126", "Παπαδόπουλος^Νίκος"},
                {"ISO_IR 138", "כהן^משה"},
                {"ISO_IR 148", "Yılmaz^Ağaoğlu"},
                {"ISO_IR 166", "สมชาย^ใจดี"},
                {"ISO_IR 13", "ｶﾀｶﾅ^ﾃｽﾄ"},
                {"ISO_IR 192", "Ünïcødé^名前=😀"},
                {"GB18030", "欧阳^娜娜"},
                {"GBK", "欧阳^娜娜"},
            };
            for (String[] testCase : cases) {
                SpecificCharacterSet cs = SpecificCharacterSet.of(testCase[0]);
                assertThat(decode(cs, cs.encode(testCase[1], true), true)).as(testCase[0]).isEqualTo(testCase[1]);
            }
            String[][] extensions = {
                {"ISO 2022 IR 13", "ISO 2022 IR 87", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"},
                {"", "ISO 2022 IR 87", "ISO 2022 IR 159", "Sato^Hanako=佐藤^花子=丂丄丅"},
                {"", "ISO 2022 IR 149", "Kim^Minsu=金^民秀=김^민수"},
                {"", "ISO 2022 IR 58", "Li^Na=李^娜"},
                {"ISO 2022 IR 100", "ISO 2022 IR 126", "ISO 2022 IR 144", "Zoë Παπα Иван\\é"},
            };
            for (String[] testCase : extensions) {
                String[] terms = Arrays.copyOf(testCase, testCase.length - 1);
                String text = testCase[testCase.length - 1];
                SpecificCharacterSet cs = SpecificCharacterSet.of(terms);
                assertThat(decode(cs, cs.encode(text, true), true)).as(String.join("\\", terms)).isEqualTo(text);
                assertThat(decode(cs, cs.encode(text, false), false)).as(String.join("\\", terms)).isEqualTo(text);
            }
        }
    }

    @Nested
    class ForText {

        @Test
        void choosesTheSmallestSufficientSet() {
            assertThat(SpecificCharacterSet.forText("Doe^John", null, "CT HEAD"))
                    .isSameAs(SpecificCharacterSet.DEFAULT);
            assertThat(SpecificCharacterSet.forText()).isSameAs(SpecificCharacterSet.DEFAULT);
            assertThat(SpecificCharacterSet.forText("Doe^John", "Buc^Jérôme").definedTerms())
                    .containsExactly("ISO_IR 100");
            assertThat(SpecificCharacterSet.forText("Buc^Jérôme", "山田^太郎").definedTerms())
                    .containsExactly("ISO_IR 192");
        }

        @Test
        void theChosenSetEncodesTheTexts() {
            String[] texts = {"Buc^Jérôme", "Łódź"};
            SpecificCharacterSet cs = SpecificCharacterSet.forText(texts);
            for (String text : texts) {
                assertThat(decode(cs, cs.encode(text, false), false)).isEqualTo(text);
            }
        }
    }
}
