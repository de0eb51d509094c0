package org.rispacs.dicom.web;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Iterator;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.VR;

/**
 * Renders one frame of a stored object as an 8-bit image for WADO-RS /rendered and /thumbnail: native
 * MONOCHROME1/2 of 8 or 16 bits through the modality rescale and the VOI window (PS3.3 C.11.2.1.2),
 * and 8-bit RGB. Compressed pixel data is refused: we have no decoders.
 */
public final class Renderer {

    private static final float JPEG_QUALITY = 0.9f;

    private Renderer() {
    }

    /**
     * Frame {@code frame} (1-based) as a grey or RGB image, scaled down to fit {@code maxDimension} on its
     * longer side when given (never scaled up).
     *
     * @throws UnsupportedRenderingException for compressed pixel data or another photometric interpretation
     * @throws NoSuchFrameException when the frame does not exist
     */
    public static BufferedImage render(StoredObject object, int frame, Integer maxDimension) throws IOException {
        if (maxDimension != null && maxDimension < 1) {
            throw new IllegalArgumentException("the largest dimension must be positive: " + maxDimension);
        }
        String name = object.file().getFileName().toString();
        if (object.numberOfFrames() == 0) {
            throw new UnsupportedRenderingException(name + " has no pixel data to render");
        }
        if (object.encapsulated()) {
            throw new UnsupportedRenderingException(name + " holds compressed pixel data ("
                + object.transferSyntax().name() + "), which cannot be rendered here");
        }
        Attributes header = object.header();
        String photometric = header.getString(Tags.PhotometricInterpretation);
        PixelFormat format = PixelFormat.of(header, name);
        byte[] bytes;
        try {
            bytes = object.read(object.frame(frame));
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedRenderingException(e.getMessage(), e);
        }
        if (object.transferSyntax().bigEndian() && format.bitsAllocated() == 8 && object.pixelDataVr() == VR.OW) {
            swapPairs(bytes);
        }
        BufferedImage image;
        if ("MONOCHROME1".equals(photometric) || "MONOCHROME2".equals(photometric)) {
            if (format.samplesPerPixel() != 1) {
                throw new UnsupportedRenderingException(name + ": " + photometric + " with "
                    + format.samplesPerPixel() + " samples per pixel");
            }
            image = Monochrome.render(header, format, bytes, object.transferSyntax().bigEndian(),
                "MONOCHROME1".equals(photometric));
        } else if ("RGB".equals(photometric)) {
            image = rgb(header, format, bytes, name);
        } else {
            throw new UnsupportedRenderingException(name + ": photometric interpretation " + photometric
                + " cannot be rendered (MONOCHROME1, MONOCHROME2 and RGB can)");
        }
        return maxDimension == null ? image : scaledDown(image, maxDimension);
    }

    /**
     * Encodes the image as image/jpeg or image/png (media type parameters are ignored) to out, left open.
     *
     * @throws IllegalArgumentException for any other media type
     */
    public static void encode(BufferedImage image, String mediaType, OutputStream out) throws IOException {
        String type = mediaType == null ? "" : mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String format = switch (type) {
            case "image/jpeg" -> "jpeg";
            case "image/png" -> "png";
            default -> throw new IllegalArgumentException("cannot encode an image as '" + mediaType
                + "': image/jpeg and image/png can");
        };
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime has no ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if ("jpeg".equals(format)) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
        out.flush();
    }

    private static BufferedImage rgb(Attributes header, PixelFormat format, byte[] bytes, String name) {
        if (format.samplesPerPixel() != 3 || format.bitsAllocated() != 8) {
            throw new UnsupportedRenderingException(name + ": RGB with " + format.samplesPerPixel()
                + " samples of " + format.bitsAllocated() + " bits; 3 samples of 8 bits can be rendered");
        }
        Integer planarConfiguration = header.getInt(Tags.PlanarConfiguration);
        boolean planar = planarConfiguration != null && planarConfiguration == 1;
        int pixels = format.rows() * format.columns();
        BufferedImage image = new BufferedImage(format.columns(), format.rows(), BufferedImage.TYPE_INT_RGB);
        int[] target = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        int mask = (1 << format.bitsStored()) - 1;
        int shift = format.highBit() + 1 - format.bitsStored();
        for (int i = 0; i < pixels; i++) {
            int red = planar ? bytes[i] : bytes[3 * i];
            int green = planar ? bytes[pixels + i] : bytes[3 * i + 1];
            int blue = planar ? bytes[2 * pixels + i] : bytes[3 * i + 2];
            target[i] = (red >> shift & mask) << 16 | (green >> shift & mask) << 8 | blue >> shift & mask;
        }
        return image;
    }

    private static void swapPairs(byte[] bytes) {
        for (int i = 0; i + 1 < bytes.length; i += 2) {
            byte swap = bytes[i];
            bytes[i] = bytes[i + 1];
            bytes[i + 1] = swap;
        }
    }

    /** Box-filter reduction: each target pixel is the mean of the source pixels it covers, band by band. */
    private static BufferedImage scaledDown(BufferedImage source, int maxDimension) {
        int width = source.getWidth();
        int height = source.getHeight();
        if (Math.max(width, height) <= maxDimension) {
            return source;
        }
        double scale = (double) maxDimension / Math.max(width, height);
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));
        BufferedImage target = new BufferedImage(targetWidth, targetHeight, source.getType());
        Raster from = source.getRaster();
        WritableRaster to = target.getRaster();
        int bands = from.getNumBands();
        for (int y = 0; y < targetHeight; y++) {
            int top = (int) ((long) y * height / targetHeight);
            int bottom = Math.max(top + 1, (int) ((long) (y + 1) * height / targetHeight));
            for (int x = 0; x < targetWidth; x++) {
                int left = (int) ((long) x * width / targetWidth);
                int right = Math.max(left + 1, (int) ((long) (x + 1) * width / targetWidth));
                int count = (bottom - top) * (right - left);
                for (int band = 0; band < bands; band++) {
                    long sum = 0;
                    for (int sy = top; sy < bottom; sy++) {
                        for (int sx = left; sx < right; sx++) {
                            sum += from.getSample(sx, sy, band);
                        }
                    }
                    to.setSample(x, y, band, (int) ((sum + count / 2) / count));
                }
            }
        }
        return target;
    }

    /** Grey-scale rendering: stored value, modality rescale, VOI window, polarity. */
    private static final class Monochrome {

        private Monochrome() {
        }

        static BufferedImage render(Attributes header, PixelFormat format, byte[] bytes, boolean bigEndian,
                                    boolean inverted) {
            int pixels = format.rows() * format.columns();
            double slope = valueOr(header, Tags.RescaleSlope, 1);
            double intercept = valueOr(header, Tags.RescaleIntercept, 0);
            double[] values = new double[pixels];
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int i = 0; i < pixels; i++) {
                values[i] = format.sample(bytes, i, bigEndian) * slope + intercept;
                min = Math.min(min, values[i]);
                max = Math.max(max, values[i]);
            }
            VoiWindow window = VoiWindow.of(header, min, max);
            BufferedImage image = new BufferedImage(format.columns(), format.rows(), BufferedImage.TYPE_BYTE_GRAY);
            byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < pixels; i++) {
                int grey = window.apply(values[i]);
                target[i] = (byte) (inverted ? 255 - grey : grey);
            }
            return image;
        }

        private static double valueOr(Attributes header, int tag, double fallback) {
            try {
                Double value = header.getDouble(tag);
                return value == null ? fallback : value;
            } catch (NumberFormatException unreadable) {
                return fallback;
            }
        }
    }
}
