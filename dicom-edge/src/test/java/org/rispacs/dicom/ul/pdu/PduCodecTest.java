package org.rispacs.dicom.ul.pdu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PduCodecTest {

    static final UserInformation USER = new UserInformation(16384, "1.2.3.4", "RISPACS_01",
            new UserInformation.AsyncOperationsWindow(1, 1),
            List.of(new RoleSelection("1.2.840.10008.1.20.1", true, true)), List.of());

    private static Pdu decode(byte[] bytes) throws Exception {
        return new PduReader(new ByteArrayInputStream(bytes), 1 << 20).read();
    }

    @Test
    void associateRequestRoundTrips() throws Exception {
        AssociateRq request = new AssociateRq(1, "RISPACS", "CT1", "1.2.840.10008.3.1.1.1",
                List.of(new PresentationContextProposal(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")),
                        new PresentationContextProposal(3, "1.2.840.10008.5.1.4.1.1.2",
                                List.of("1.2.840.10008.1.2.1", "1.2.840.10008.1.2"))),
                USER);
        byte[] bytes = PduWriter.encode(request);
        assertThat(bytes[0]).isEqualTo((byte) 0x01);
        assertThat(((bytes[2] & 0xff) << 24 | (bytes[3] & 0xff) << 16 | (bytes[4] & 0xff) << 8 | (bytes[5] & 0xff)))
                .isEqualTo(bytes.length - 6);
        assertThat(decode(bytes)).isEqualTo(request);
    }

    @Test
    void associateAcceptRoundTrips() throws Exception {
        AssociateAc accept = new AssociateAc(1, "RISPACS", "CT1", "1.2.840.10008.3.1.1.1",
                List.of(new PresentationContextResult(1, 0, "1.2.840.10008.1.2"),
                        new PresentationContextResult(3, 3, "")), USER);
        AssociateAc decoded = (AssociateAc) decode(PduWriter.encode(accept));
        assertThat(decoded.presentationContexts().get(0)).isEqualTo(accept.presentationContexts().get(0));
        assertThat(decoded.presentationContexts().get(1).result()).isEqualTo(3);
        assertThat(decoded.userInformation()).isEqualTo(USER);
    }

    @Test
    void fixedPdusMatchTheStandardsLayout() throws Exception {
        assertThat(HexFormat.of().formatHex(PduWriter.encode(new AssociateRj(1, 1, 7))))
                .isEqualTo("03000000000400010107");
        assertThat(HexFormat.of().formatHex(PduWriter.encode(new ReleaseRq()))).isEqualTo("05000000000400000000");
        assertThat(HexFormat.of().formatHex(PduWriter.encode(new ReleaseRp()))).isEqualTo("06000000000400000000");
        assertThat(HexFormat.of().formatHex(PduWriter.encode(Abort.byProvider(2)))).isEqualTo("07000000000400000202");
        assertThat(decode(HexFormat.of().parseHex("03000000000400020203"))).isEqualTo(new AssociateRj(2, 2, 3));
    }

    @Test
    void pDataCarriesFragmentsWithTheirFlags() throws Exception {
        PDataTf data = new PDataTf(List.of(new PresentationDataValue(1, true, true, new byte[] {1, 2}),
                new PresentationDataValue(1, false, false, new byte[] {3})));
        assertThat(HexFormat.of().formatHex(PduWriter.encode(data)))
                .isEqualTo("04000000000f" + "00000004" + "01" + "03" + "0102" + "00000003" + "01" + "00" + "03");
        PDataTf decoded = (PDataTf) decode(PduWriter.encode(data));
        assertThat(decoded.values()).hasSize(2);
        assertThat(decoded.values().get(0).command()).isTrue();
        assertThat(decoded.values().get(0).last()).isTrue();
        assertThat(decoded.values().get(1).data()).containsExactly(3);
    }

    @Test
    void receivedFragmentsAreViewsIntoTheReadersBufferUntilTheNextPdu() throws Exception {
        byte[] big = new byte[5000];
        Arrays.fill(big, (byte) 7);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.write(PduWriter.encode(new PDataTf(List.of(new PresentationDataValue(3, false, false, big)))));
        stream.write(PduWriter.encode(new PDataTf(List.of(new PresentationDataValue(3, false, false, new byte[] {1}),
                new PresentationDataValue(5, false, true, new byte[] {2, 3})))));
        PduReader reader = new PduReader(new ByteArrayInputStream(stream.toByteArray()), 1 << 20);

        PresentationDataValue first = ((PDataTf) reader.read()).values().get(0);
        assertThat(first.length()).isEqualTo(5000);
        assertThat(first.data()).isEqualTo(big);
        List<PresentationDataValue> next = ((PDataTf) reader.read()).values();

        assertThat(next.get(0).buffer()).as("the smaller PDU reuses the buffer").isSameAs(first.buffer());
        assertThat(next.get(0).data()).containsExactly(1);
        assertThat(next.get(1).presentationContextId()).isEqualTo(5);
        assertThat(next.get(1).last()).isTrue();
        assertThat(next.get(1).data()).containsExactly(2, 3);
    }

    @Test
    void hostileLengthsAreRefusedBeforeAllocating() {
        assertThatThrownBy(() -> decode(HexFormat.of().parseHex("04 00 7fffffff".replace(" ", ""))))
                .isInstanceOf(PduFormatException.class).hasMessageContaining("PDU length");
        assertThatThrownBy(() -> decode(HexFormat.of().parseHex("04000000000a" + "7ffffff0" + "0103" + "00000000")))
                .isInstanceOf(PduFormatException.class).hasMessageContaining("PDV item length");
        assertThatThrownBy(() -> decode(HexFormat.of().parseHex("01007ffffff0")))
                .isInstanceOf(PduFormatException.class);
    }

    @Test
    void unknownPduTypesAndTruncationAreErrors() {
        assertThatThrownBy(() -> decode(HexFormat.of().parseHex("09000000000400000000")))
                .isInstanceOfSatisfying(PduFormatException.class,
                        e -> assertThat(e.abortReason()).isEqualTo(Abort.UNRECOGNIZED_PDU));
        assertThatThrownBy(() -> decode(HexFormat.of().parseHex("050000000004000000")))
                .isInstanceOf(EOFException.class);
    }
}
