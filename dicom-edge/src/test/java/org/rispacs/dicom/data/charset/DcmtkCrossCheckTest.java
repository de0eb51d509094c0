package org.rispacs.dicom.data.charset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks our encoder against dcmtk's decoder and our decoder against dcmtk's encoder. dcmtk (dump2dcm,
 * dcmdump, dcmconv) must be installed: without it these tests fail rather than skip.
 */
@Tag("dcmtk")
class DcmtkCrossCheckTest {

    @TempDir
    Path dir;

    /** The Japanese sets are left out: dcmtk built on glibc iconv cannot read ISO 2022 IR 87 or 159. */
    @Test
    void dcmtkReadsWhatWeWrite() throws Exception {
        String[][] cases = {
            {"ISO_IR 100", "Buc^Jérôme"},
            {"ISO_IR 144", "Иванов^Иван"},
            {"ISO_IR 126", "Διονυσιος"},
            {"ISO_IR 148", "Çavuşoğlu^Şükrü"},
            {"ISO_IR 166", "สมชาย^ใจดี"},
            {"ISO_IR 192", "Wang^XiaoDong=王^小東="},
            {"GB18030", "Wang^XiaoDong=王^小东="},
            {"ISO 2022 IR 100\\ISO 2022 IR 144", "Jérôme Люк^é"},
            {"\\ISO 2022 IR 149", "Hong^Gildong=洪^吉洞=홍^길동"},
            {"\\ISO 2022 IR 58", "Zhang^XiaoDong=张^小东="},
        };
        for (String[] testCase : cases) {
            SpecificCharacterSet cs = SpecificCharacterSet.of(testCase[0].split("\\\\", -1));
            Path dataset = writeDataset(testCase[0], cs.encode(testCase[1], true));

            String dump = run(List.of("dcmdump", "+U8", dataset.toString()), StandardCharsets.UTF_8);

            assertThat(valueOf(dump, "(0010,0010)")).as(testCase[0]).isEqualTo(testCase[1]);
        }
    }

    @Test
    void weReadWhatDcmtkWrites() throws Exception {
        String[][] cases = {
            {"ISO_IR 100", "Buc^Jérôme"},
            {"ISO_IR 101", "Wałęsa^Lech"},
            {"ISO_IR 144", "Иванов^Иван"},
            {"ISO_IR 127", "قباني^لنزار"},
            {"ISO_IR 126", "Διονυσιος"},
            {"ISO_IR 138", "שרון^דבורה"},
            {"ISO_IR 148", "Çavuşoğlu^Şükrü"},
            {"ISO_IR 166", "ประเทศไทย"},
        };
        for (String[] testCase : cases) {
            Path utf8 = writeDataset("ISO_IR 192", testCase[1].getBytes(StandardCharsets.UTF_8));
            Path converted = dir.resolve("converted.dcm");
            run(List.of("dcmconv", "+C", testCase[0], utf8.toString(), converted.toString()),
                    StandardCharsets.ISO_8859_1);

            String rawDump = run(List.of("dcmdump", converted.toString()), StandardCharsets.ISO_8859_1);
            byte[] stored = valueOf(rawDump, "(0010,0010)").getBytes(StandardCharsets.ISO_8859_1);

            assertThat(SpecificCharacterSet.of(valueOf(rawDump, "(0008,0005)")).decode(stored, 0, stored.length, true))
                    .as(testCase[0]).isEqualTo(testCase[1]);
        }
    }

    private Path writeDataset(String specificCharacterSet, byte[] patientName) throws IOException,
            InterruptedException {
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        dump.writeBytes(("(0008,0005) CS [" + specificCharacterSet + "]\n").getBytes(StandardCharsets.US_ASCII));
        dump.writeBytes("(0010,0010) PN [".getBytes(StandardCharsets.US_ASCII));
        dump.writeBytes(patientName);
        dump.writeBytes("]\n".getBytes(StandardCharsets.US_ASCII));
        Path dumpFile = Files.write(dir.resolve("dataset.dump"), dump.toByteArray());
        Path dataset = dir.resolve("dataset.dcm");
        run(List.of("dump2dcm", dumpFile.toString(), dataset.toString()), StandardCharsets.ISO_8859_1);
        return dataset;
    }

    private static String valueOf(String dump, String tag) {
        for (String line : dump.split("\n")) {
            if (line.startsWith(tag)) {
                return line.substring(line.indexOf('[') + 1, line.lastIndexOf(']'));
            }
        }
        throw new AssertionError(tag + " not in dcmdump output:\n" + dump);
    }

    private static String run(List<String> command, java.nio.charset.Charset outputCharset) throws IOException,
            InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
        String text = new String(output, outputCharset);
        assertThat(process.exitValue()).as("%s exit status, output:%n%s", command, text).isZero();
        return text;
    }
}
