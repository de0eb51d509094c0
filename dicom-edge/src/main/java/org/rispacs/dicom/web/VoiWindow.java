package org.rispacs.dicom.web;

import java.util.Locale;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;

/**
 * The VOI transformation to 8-bit grey (PS3.3 C.11.2.1.2): the first Window Center and Width with the VOI
 * LUT Function (LINEAR, LINEAR_EXACT or SIGMOID), or the frame's own range when no usable window is given.
 */
final class VoiWindow {
    private static final double MAX_GREY = 255;

    private final String function;
    private final double center;
    private final double width;

    private VoiWindow(String function, double center, double width) {
        this.function = function;
        this.center = center;
        this.width = width;
    }

    static VoiWindow of(Attributes header, double min, double max) {
        Double center = number(header, Tags.WindowCenter);
        Double width = number(header, Tags.WindowWidth);
        String declared = header.getString(Tags.VOILUTFunction);
        String function = declared == null ? "LINEAR" : declared.strip().toUpperCase(Locale.ROOT);
        boolean usable = center != null && width != null
            && ("LINEAR".equals(function) ? width >= 1 : width > 0)
            && ("LINEAR".equals(function) || "LINEAR_EXACT".equals(function) || "SIGMOID".equals(function));
        if (usable) {
            return new VoiWindow(function, center, width);
        }
        // the frame's range mapped onto the full grey scale, exactly
        return new VoiWindow("LINEAR_EXACT", (min + max) / 2, Math.max(max - min, Double.MIN_NORMAL));
    }

    int apply(double value) {
        double grey = switch (function) {
            case "LINEAR_EXACT" -> {
                if (value <= center - width / 2) {
                    yield 0;
                }
                yield value > center + width / 2 ? MAX_GREY : ((value - center) / width + 0.5) * MAX_GREY;
            }
            case "SIGMOID" -> MAX_GREY / (1 + Math.exp(-4 * (value - center) / width));
            default -> {
                if (value <= center - 0.5 - (width - 1) / 2) {
                    yield 0;
                }
                yield value > center - 0.5 + (width - 1) / 2 ? MAX_GREY
                    : ((value - (center - 0.5)) / (width - 1) + 0.5) * MAX_GREY;
            }
        };
        return (int) Math.round(Math.min(MAX_GREY, Math.max(0, grey)));
    }

    private static Double number(Attributes header, int tag) {
        try {
            return header.getDouble(tag);
        } catch (NumberFormatException unreadable) {
            return null;
        }
    }
}
