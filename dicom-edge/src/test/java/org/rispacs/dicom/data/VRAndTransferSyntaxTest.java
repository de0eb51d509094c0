package org.rispacs.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class VRAndTransferSyntaxTest {

    @Test
    void longLengthVrsAreTheOnesOfPs35Table712() {
        EnumSet<VR> longLength = EnumSet.noneOf(VR.class);
        for (VR vr : VR.values()) {
            if (vr.explicitLongLength()) {
                longLength.add(vr);
            }
        }
        assertThat(longLength).containsExactlyInAnyOrder(VR.OB, VR.OD, VR.OF, VR.OL, VR.OV, VR.OW, VR.SQ, VR.UC,
            VR.UN, VR.UR, VR.UT, VR.SV, VR.UV);
    }

    @Test
    void codesAndPadding() {
        assertThat(VR.fromCode(0x504E)).isEqualTo(VR.PN);
        assertThat(VR.fromCode("UI")).isEqualTo(VR.UI);
        assertThat(VR.fromCodeOrNull(0x5858)).isNull();
        assertThatThrownBy(() -> VR.fromCode("XX")).isInstanceOf(IllegalArgumentException.class);
        assertThat(VR.UI.padding()).isEqualTo((byte) 0);
        assertThat(VR.OB.padding()).isEqualTo((byte) 0);
        assertThat(VR.LO.padding()).isEqualTo((byte) 0x20);
        assertThat(VR.UI.isString()).isTrue();
        assertThat(VR.US.isString()).isFalse();
    }

    @Test
    void transferSyntaxesByUid() {
        assertThat(TransferSyntax.forUid("1.2.840.10008.1.2.1")).contains(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(TransferSyntax.forUid("1.2.840.10008.1.2.4.50")).hasValueSatisfying(syntax -> {
            assertThat(syntax.encapsulated()).isTrue();
            assertThat(syntax.explicitVr()).isTrue();
        });
        assertThat(TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.deflated()).isTrue();
        assertThat(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.bigEndian()).isTrue();
        assertThat(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.explicitVr()).isFalse();
        assertThat(TransferSyntax.isStorable("1.2.840.10008.1.2.5")).isTrue();
        assertThat(TransferSyntax.isStorable("1.2.840.10008.1.2.4.203")).isTrue();
        assertThat(TransferSyntax.isStorable("1.2.3.4")).isFalse();
        assertThat(TransferSyntax.isStorable(null)).isFalse();
    }
}
