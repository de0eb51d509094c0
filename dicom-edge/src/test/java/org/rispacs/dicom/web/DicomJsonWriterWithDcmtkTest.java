package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.DicomReader;

/**
 * Compares our DICOM JSON with dcmtk's dcm2json on files dcmtk made, as parsed trees. The one difference
 * allowed: FL values, which dcm2json prints with nine digits (0.100000001) and we with a float's own (0.1),
 * are compared as floats. A missing dcmtk fails the test.
 */
@Tag("dcmtk")
class DicomJsonWriterWithDcmtkTest {
    private static final String DUMP = String.join("\n",
        "(0008,0005) CS [ISO_IR 100]",
        "(0008,0008) CS [ORIGINAL\\PRIMARY\\\\AXIAL]",
        "(0008,0016) UI =CTImageStorage",
        "(0008,0018) UI [1.2.3.4.5]",
        "(0008,0090) PN [Smith^Anne==Smyth^Ann\\\\Doe]",
        "(0008,1110) SQ (Sequence with undefined length)",
        "(fffe,e0dd) na (SequenceDelimitationItem)",
        "(0009,0010) LO [RISPACS]",
        "(0009,1001) UN 72\\61\\77\\00",
        "(0010,0010) PN [M\u00fcller^Hans]",
        "(0010,0020) LO []",
        "(0010,21b0) LT [  indented\\text]",
        "(0018,9219) SS -3",
        "(0020,0013) IS [ 12 ]",
        "(0028,0030) DS [0.50\\-2.5e-1\\7]",
        "(0028,0009) AT (0018,1063)\\(0018,1065)",
        "(0040,a730) SQ (Sequence with undefined length)",
        "(fffe,e000) na (Item with undefined length)",
        "(0008,0100) SH [121071]",
        "(0040,a043) SQ (Sequence with undefined length)",
        "(fffe,e000) na (Item with undefined length)",
        "(0008,0104) LO [Gr\u00f6\u00dfe]",
        "(fffe,e00d) na (ItemDelimitationItem)",
        "(fffe,e0dd) na (SequenceDelimitationItem)",
        "(fffe,e00d) na (ItemDelimitationItem)",
        "(fffe,e000) na (Item with undefined length)",
        "(fffe,e00d) na (ItemDelimitationItem)",
        "(fffe,e0dd) na (SequenceDelimitationItem)",
        "(0042,0011) OB 25\\50\\44\\46",
        "(0072,0074) FD 1.5\\-2.25e10",
        "(0072,0076) FL 0.1\\-2.5",
        "(0072,0078) UL 4294967295",
        "(0072,007c) SL -7",
        "(7fe0,0010) OW 0001\\0002\\0003\\fffe",
        "");

    @TempDir
    Path directory;

    @Test
    void ourJsonOfAnImageMadeByImg2dcmIsDcm2jsonsInEveryTransferSyntax() throws Exception {
        BufferedImage image = new BufferedImage(4, 3, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, x * 60 << 16 | y * 100 << 8 | x * 10 + y);
            }
        }
        Path bmp = directory.resolve("small.bmp");
        assertThat(ImageIO.write(image, "bmp", bmp.toFile())).isTrue();
        Path explicit = directory.resolve("explicit.dcm");
        run("img2dcm", "-i", "BMP", bmp.toString(), explicit.toString());
        run("dcmodify", "-nb", "-i", "(0010,0010)=Doe^John=Ideo^X=Phon^Y", "-i", "(0008,0020)=20240131",
            "-i", "(0020,0013)=7", "-i", "(0028,0030)=0.5\\0.25", "-i", "(0018,9219)=-3",
            "-i", "(0008,1110)[0].(0008,1150)=1.2.840.10008.3.1.2.3.1", "-i", "(0008,1110)[0].(0008,1155)=1.2.3",
            "-i", "(0008,1110)[1].(0008,1155)=1.2.4", explicit.toString());
        Path bigEndian = directory.resolve("big.dcm");
        Path implicit = directory.resolve("implicit.dcm");
        run("dcmconv", "+tb", explicit.toString(), bigEndian.toString());
        run("dcmconv", "+ti", explicit.toString(), implicit.toString());

        for (Path file : List.of(explicit, bigEndian, implicit)) {
            Object ours = JsonTree.parse(DicomJsonWriter.toBytes(read(file), BulkDataUris.inline()));
            Object theirs = JsonTree.parse(dcm2json(file));

            assertThat(ours).as(file.getFileName().toString()).isEqualTo(theirs);
            assertThat(((Map<?, ?>) ours).get("00100010")).asString().contains("Phonetic=Phon^Y");
            assertThat(((Map<?, ?>) ours).get("7FE00010")).asString().contains("InlineBinary");
        }
    }

    @Test
    void ourJsonOfEveryValueKindMadeByDump2dcmIsDcm2jsons() throws Exception {
        Path dump = Files.writeString(directory.resolve("values.dump"), DUMP, StandardCharsets.ISO_8859_1);
        for (String syntax : List.of("+te", "+tb", "+ti")) {
            Path file = directory.resolve("values" + syntax + ".dcm");
            run("dump2dcm", syntax, dump.toString(), file.toString());

            Object ours = normalizedFloats(JsonTree.parse(DicomJsonWriter.toBytes(read(file),
                BulkDataUris.inline())));
            Object theirs = normalizedFloats(JsonTree.parse(dcm2json(file)));

            assertThat(ours).as(syntax).isEqualTo(theirs);
            assertThat(((Map<?, ?>) ours).get("00100010")).asString().contains("Müller^Hans");
        }
    }

    private static Attributes read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file); DicomReader reader = new DicomReader(in)) {
            reader.readFileMetaInformation();
            return reader.readDataset();
        }
    }

    private byte[] dcm2json(Path file) throws IOException, InterruptedException {
        Path json = directory.resolve(file.getFileName() + ".json");
        run("dcm2json", "-fc", file.toString(), json.toString());
        return Files.readAllBytes(json);
    }

    /** FL values as the float they are, however many digits printed them. */
    @SuppressWarnings("unchecked")
    private static Object normalizedFloats(Object tree) {
        if (tree instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            boolean floats = "FL".equals(map.get("vr"));
            ((Map<String, Object>) map).forEach((name, value) -> result.put(name,
                floats && value instanceof List<?> list ? list.stream().map(v -> v instanceof BigDecimal number
                    ? new BigDecimal(Float.toString(number.floatValue())).stripTrailingZeros() : v).toList()
                    : normalizedFloats(value)));
            return result;
        }
        if (tree instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(item -> result.add(normalizedFloats(item)));
            return result;
        }
        return tree;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Path tool = Path.of("/usr/bin", command[0]);
        assertThat(tool).as("dcmtk's " + command[0] + " (apt-get install dcmtk)").isExecutable();
        List<String> arguments = new ArrayList<>(List.of(command));
        arguments.set(0, tool.toString());
        Process process = new ProcessBuilder(arguments).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 60 s");
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
