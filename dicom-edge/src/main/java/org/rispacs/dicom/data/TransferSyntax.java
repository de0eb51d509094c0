package org.rispacs.dicom.data;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A transfer syntax we can parse (the native ones) or store unchanged (the encapsulated ones, whose
 * dataset is explicit VR little endian and whose pixel data is a list of fragments).
 */
public record TransferSyntax(String uid, String name, boolean explicitVr, boolean bigEndian, boolean deflated,
                             boolean encapsulated) {

    private static final String PREFIX = "1.2.840.10008.1.2";
    private static final Map<String, TransferSyntax> BY_UID = new LinkedHashMap<>();

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN =
        register(new TransferSyntax(PREFIX, "Implicit VR Little Endian", false, false, false, false));
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN =
        register(new TransferSyntax(PREFIX + ".1", "Explicit VR Little Endian", true, false, false, false));
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN =
        register(new TransferSyntax(PREFIX + ".1.99", "Deflated Explicit VR Little Endian", true, false, true,
            false));
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN =
        register(new TransferSyntax(PREFIX + ".2", "Explicit VR Big Endian", true, true, false, false));
    public static final TransferSyntax JPEG_BASELINE = encapsulated(".4.50", "JPEG Baseline (Process 1)");
    public static final TransferSyntax JPEG_EXTENDED = encapsulated(".4.51", "JPEG Extended (Process 2 & 4)");
    public static final TransferSyntax JPEG_LOSSLESS =
        encapsulated(".4.57", "JPEG Lossless, Non-Hierarchical (Process 14)");
    public static final TransferSyntax JPEG_LOSSLESS_SV1 =
        encapsulated(".4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [SV1])");
    public static final TransferSyntax JPEG_LS_LOSSLESS = encapsulated(".4.80", "JPEG-LS Lossless");
    public static final TransferSyntax JPEG_LS_NEAR_LOSSLESS = encapsulated(".4.81", "JPEG-LS Lossy (Near-Lossless)");
    public static final TransferSyntax JPEG_2000_LOSSLESS = encapsulated(".4.90", "JPEG 2000 (Lossless Only)");
    public static final TransferSyntax JPEG_2000 = encapsulated(".4.91", "JPEG 2000");
    public static final TransferSyntax MPEG2_MAIN_PROFILE_MAIN_LEVEL =
        encapsulated(".4.100", "MPEG2 Main Profile / Main Level");
    public static final TransferSyntax MPEG2_MAIN_PROFILE_HIGH_LEVEL =
        encapsulated(".4.101", "MPEG2 Main Profile / High Level");
    public static final TransferSyntax MPEG4_HIGH_PROFILE_LEVEL_4_1 =
        encapsulated(".4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1");
    public static final TransferSyntax MPEG4_BD_COMPATIBLE_HIGH_PROFILE_LEVEL_4_1 =
        encapsulated(".4.103", "MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1");
    public static final TransferSyntax MPEG4_HIGH_PROFILE_LEVEL_4_2_2D =
        encapsulated(".4.104", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video");
    public static final TransferSyntax MPEG4_HIGH_PROFILE_LEVEL_4_2_3D =
        encapsulated(".4.105", "MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video");
    public static final TransferSyntax MPEG4_STEREO_HIGH_PROFILE_LEVEL_4_2 =
        encapsulated(".4.106", "MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2");
    public static final TransferSyntax HEVC_MAIN_PROFILE_LEVEL_5_1 =
        encapsulated(".4.107", "HEVC/H.265 Main Profile / Level 5.1");
    public static final TransferSyntax HEVC_MAIN_10_PROFILE_LEVEL_5_1 =
        encapsulated(".4.108", "HEVC/H.265 Main 10 Profile / Level 5.1");
    public static final TransferSyntax HTJ2K_LOSSLESS =
        encapsulated(".4.201", "High-Throughput JPEG 2000 (Lossless Only)");
    public static final TransferSyntax HTJ2K_RPCL_LOSSLESS =
        encapsulated(".4.202", "High-Throughput JPEG 2000 with RPCL Options (Lossless Only)");
    public static final TransferSyntax HTJ2K = encapsulated(".4.203", "High-Throughput JPEG 2000");
    public static final TransferSyntax RLE_LOSSLESS = encapsulated(".5", "RLE Lossless");

    public static Optional<TransferSyntax> forUid(String uid) {
        return Optional.ofNullable(uid == null ? null : BY_UID.get(uid.trim()));
    }

    /** True when we can receive and keep a dataset in this transfer syntax. */
    public static boolean isStorable(String uid) {
        return forUid(uid).isPresent();
    }

    /** All known transfer syntaxes, native ones first. */
    public static List<TransferSyntax> all() {
        return List.copyOf(BY_UID.values());
    }

    private static TransferSyntax encapsulated(String suffix, String name) {
        return register(new TransferSyntax(PREFIX + suffix, name, true, false, false, true));
    }

    private static TransferSyntax register(TransferSyntax syntax) {
        BY_UID.put(syntax.uid(), syntax);
        return syntax;
    }
}
