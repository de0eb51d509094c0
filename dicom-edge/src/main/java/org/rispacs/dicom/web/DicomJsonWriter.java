package org.rispacs.dicom.web;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Sequence;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;

/**
 * Writes data sets as the DICOM JSON model of PS3.18 F.2 ("application/dicom+json"), one element at a time
 * straight to the output stream, so an answer of any size is never held in memory.
 *
 * <p>Choices the standard leaves open or the data forces, so a reader knows what to expect:
 * <ul>
 *   <li>A DS or IS value that is no number is written as null, like an empty value (F.2.5), so the other
 *       values keep their positions; a JSON string would break clients that expect numbers.</li>
 *   <li>FL and FD values that are NaN or infinite, which JSON numbers cannot hold, are written as the
 *       strings "NaN", "Infinity" and "-Infinity".</li>
 *   <li>InlineBinary is the little endian encoding of the value, whatever the data set's byte order.</li>
 *   <li>Encapsulated fragments without a BulkDataURI are written without a value: they have no single
 *       value to inline.</li>
 *   <li>Values a {@code DicomReader} skipped (pixel data when excluded, values longer than
 *       skipValuesLongerThan) are not in the data set at all, so nothing is written for them.</li>
 *   <li>Group lengths (gggg,0000) and File Meta Information (group 0002) are left out.</li>
 *   <li>Specific Character Set (0008,0005), when it has a value, becomes "ISO_IR 192" (as dcmtk's dcm2json
 *       does): the values are decoded, and the JSON holds them as Unicode (F.2).</li>
 * </ul>
 */
public final class DicomJsonWriter implements Closeable {
    private static final JsonFactory FACTORY = new JsonFactory();
    /** RFC 8259 number syntax: DS text that already has it is written as is, keeping its digits. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final int MAX_DEPTH = 64;
    private static final String UNICODE = "ISO_IR 192";

    private final JsonGenerator json;

    public DicomJsonWriter(OutputStream out) {
        try {
            json = FACTORY.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        // an answer cut short by an error must not be closed into JSON that looks whole
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
    }

    /** The JSON of one data set, for small answers and tests. */
    public static byte[] toBytes(Attributes dataset, BulkDataUris bulkData) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomJsonWriter writer = new DicomJsonWriter(bytes)) {
            writer.write(dataset, bulkData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Opens the array of a multi-object answer (QIDO-RS results, WADO-RS metadata). */
    public void startArray() throws IOException {
        json.writeStartArray();
    }

    public void endArray() throws IOException {
        json.writeEndArray();
    }

    /** Writes one data set as a JSON object, its elements in ascending tag order. */
    public void write(Attributes dataset, BulkDataUris bulkData) throws IOException {
        writeObject(dataset, bulkData, new int[0]);
    }

    /** Flushes what is buffered; the output stream stays open. Arrays left open are not closed for you. */
    @Override
    public void close() throws IOException {
        json.close();
    }

    private void writeObject(Attributes dataset, BulkDataUris bulkData, int[] parentPath) throws IOException {
        if (parentPath.length > MAX_DEPTH) {
            throw new IllegalArgumentException("sequences nested deeper than " + MAX_DEPTH);
        }
        json.writeStartObject();
        for (int tag : dataset) {
            if ((tag & 0xFFFF) == 0 || tag >>> 16 == 0x0002) {
                continue;
            }
            VR vr = dataset.vrOf(tag);
            json.writeFieldName(String.format("%08X", tag));
            json.writeStartObject();
            json.writeStringField("vr", vr.name());
            writeValue(dataset, tag, vr, bulkData, append(parentPath, tag));
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void writeValue(Attributes dataset, int tag, VR vr, BulkDataUris bulkData, int[] path)
        throws IOException {
        Sequence sequence = dataset.getSequence(tag);
        if (sequence != null) {
            if (!sequence.isEmpty()) {
                json.writeArrayFieldStart("Value");
                for (Attributes item : sequence) {
                    writeObject(item, bulkData, path);
                }
                json.writeEndArray();
            }
            return;
        }
        List<byte[]> fragments = dataset.getFragments(tag);
        if (fragments != null) {
            String uri = bulkData.uriFor(path);
            if (uri != null) {
                json.writeStringField("BulkDataURI", uri);
            }
            return;
        }
        byte[] bytes = dataset.getBytes(tag);
        if (bytes == null || bytes.length == 0) {
            return;
        }
        if (tag == Tags.SpecificCharacterSet) {
            // the text is decoded: what the JSON holds is Unicode, whatever the data set was encoded in
            writeStrings(new String[] {UNICODE});
            return;
        }
        switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> writeBinary(dataset, vr, bytes, bulkData.uriFor(path));
            case PN -> writePersonNames(dataset.getStrings(tag));
            case DS, IS -> writeDecimalStrings(vr, dataset.getStrings(tag));
            case SS, US, SL, UL, SV, UV, FL, FD -> writeBinaryNumbers(vr, buffer(dataset, bytes));
            case AT -> writeTags(buffer(dataset, bytes));
            default -> writeStrings(dataset.getStrings(tag));
        }
    }

    private void writeBinary(Attributes dataset, VR vr, byte[] bytes, String uri) throws IOException {
        if (uri != null) {
            json.writeStringField("BulkDataURI", uri);
            return;
        }
        byte[] littleEndian = dataset.bigEndian() ? swapped(vr, bytes) : bytes;
        json.writeFieldName("InlineBinary");
        json.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, littleEndian, 0, littleEndian.length);
    }

    private void writeStrings(String[] values) throws IOException {
        json.writeArrayFieldStart("Value");
        for (String value : values) {
            if (value.isEmpty()) {
                json.writeNull();
            } else {
                json.writeString(value);
            }
        }
        json.writeEndArray();
    }

    /** PS3.18 F.2.2: each name an object of its non-empty component groups. */
    private void writePersonNames(String[] values) throws IOException {
        json.writeArrayFieldStart("Value");
        for (String value : values) {
            String[] groups = value.split("=", -1);
            if (Arrays.stream(groups).allMatch(String::isEmpty)) {
                json.writeNull();
                continue;
            }
            json.writeStartObject();
            writeGroup("Alphabetic", groups, 0);
            writeGroup("Ideographic", groups, 1);
            writeGroup("Phonetic", groups, 2);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeGroup(String name, String[] groups, int index) throws IOException {
        if (index < groups.length && !groups[index].isEmpty()) {
            json.writeStringField(name, groups[index]);
        }
    }

    private void writeDecimalStrings(VR vr, String[] values) throws IOException {
        json.writeArrayFieldStart("Value");
        for (String value : values) {
            String text = value.strip();
            if (vr == VR.IS) {
                writeIntegerString(text);
            } else {
                writeDecimalString(text);
            }
        }
        json.writeEndArray();
    }

    private void writeIntegerString(String text) throws IOException {
        try {
            json.writeNumber(new BigDecimal(text).toBigIntegerExact());
        } catch (NumberFormatException | ArithmeticException notAnInteger) {
            json.writeNull();
        }
    }

    private void writeDecimalString(String text) throws IOException {
        if (JSON_NUMBER.matcher(text).matches()) {
            json.writeNumber(text);
            return;
        }
        try {
            json.writeNumber(new BigDecimal(text));
        } catch (NumberFormatException notANumber) {
            json.writeNull();
        }
    }

    private void writeBinaryNumbers(VR vr, ByteBuffer buffer) throws IOException {
        json.writeArrayFieldStart("Value");
        int size = vr.bytesPerNumber();
        while (buffer.remaining() >= size) {
            switch (vr) {
                case SS -> json.writeNumber(buffer.getShort());
                case US -> json.writeNumber(Short.toUnsignedInt(buffer.getShort()));
                case SL -> json.writeNumber(buffer.getInt());
                case UL -> json.writeNumber(Integer.toUnsignedLong(buffer.getInt()));
                case SV -> json.writeNumber(buffer.getLong());
                case UV -> json.writeNumber(new BigInteger(Long.toUnsignedString(buffer.getLong())));
                case FL -> writeFloat(buffer.getFloat());
                case FD -> writeDouble(buffer.getDouble());
                default -> throw new IllegalStateException("not a binary number VR: " + vr);
            }
        }
        json.writeEndArray();
    }

    private void writeFloat(float value) throws IOException {
        if (Float.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Float.toString(value));
        }
    }

    private void writeDouble(double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        } else {
            json.writeString(Double.toString(value));
        }
    }

    private void writeTags(ByteBuffer buffer) throws IOException {
        json.writeArrayFieldStart("Value");
        while (buffer.remaining() >= 4) {
            int group = Short.toUnsignedInt(buffer.getShort());
            int element = Short.toUnsignedInt(buffer.getShort());
            json.writeString(String.format("%04X%04X", group, element));
        }
        json.writeEndArray();
    }

    private static ByteBuffer buffer(Attributes dataset, byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(dataset.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] swapped(VR vr, byte[] bytes) {
        int size = vr.bytesPerNumber();
        byte[] result = bytes.clone();
        for (int start = 0; start + size <= result.length; start += size) {
            for (int low = start, high = start + size - 1; low < high; low++, high--) {
                byte swap = result[low];
                result[low] = result[high];
                result[high] = swap;
            }
        }
        return result;
    }

    private static int[] append(int[] path, int tag) {
        int[] longer = Arrays.copyOf(path, path.length + 1);
        longer[path.length] = tag;
        return longer;
    }
}
