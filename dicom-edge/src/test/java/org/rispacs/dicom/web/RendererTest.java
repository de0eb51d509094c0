package org.rispacs.dicom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rispacs.dicom.web.StoredObjectFixtures.image;
import static org.rispacs.dicom.web.StoredObjectFixtures.write;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rispacs.dicom.data.Attributes;
import org.rispacs.dicom.data.Tags;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.data.VR;

class RendererTest {

    @TempDir
    Path folder;

    /** One row of 4096 12-bit values 0..4095, with junk in the 4 bits above Bits Stored. */
    private static Attributes gradient(String photometric) {
        int[] samples = new int[4096];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = i | 0xA000;
        }
        return image(1, 4096, 16, photometric, 1)
            .setInt(Tags.BitsStored, VR.US, 12)
            .setInt(Tags.HighBit, VR.US, 11)
            .setInt(Tags.PixelData, VR.OW, samples);
    }

    private BufferedImage render(Attributes dataset, TransferSyntax syntax, Integer maxDimension)
        throws IOException {
        return Renderer.render(StoredObject.open(write(folder.resolve("image.dcm"), dataset, syntax)), 1,
            maxDimension);
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2"})
    void aWindowMapsTheGradientLinearly(String syntaxUid) throws IOException {
        Attributes dataset = gradient("MONOCHROME2")
            .setDouble(Tags.WindowCenter, VR.DS, 2048, 100)
            .setDouble(Tags.WindowWidth, VR.DS, 1024, 10);

        BufferedImage image = render(dataset, TransferSyntax.forUid(syntaxUid).orElseThrow(), null);

        assertThat(image.getWidth()).isEqualTo(4096);
        assertThat(image.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        // PS3.3 C.11.2.1.2.1: 0 up to c - 0.5 - (w-1)/2 = 1536, 255 above c - 0.5 + (w-1)/2 = 2559
        assertThat(grey(image, 1000, 0)).isZero();
        assertThat(grey(image, 1536, 0)).isZero();
        assertThat(grey(image, 1537, 0)).isZero();
        assertThat(grey(image, 2048, 0)).isEqualTo(128);
        assertThat(grey(image, 2300, 0)).as("(252.5 / 1023 + 0.5) * 255").isEqualTo(190);
        assertThat(grey(image, 2560, 0)).isEqualTo(255);
        assertThat(grey(image, 4095, 0)).isEqualTo(255);
    }

    @Test
    void theRescaleAppliesBeforeTheWindow() throws IOException {
        Attributes dataset = gradient("MONOCHROME2")
            .setDouble(Tags.RescaleSlope, VR.DS, 2)
            .setDouble(Tags.RescaleIntercept, VR.DS, -1024)
            .setDouble(Tags.WindowCenter, VR.DS, 0)
            .setDouble(Tags.WindowWidth, VR.DS, 401);

        BufferedImage image = render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);

        assertThat(grey(image, 412, 0)).as("-200").isZero();
        assertThat(grey(image, 512, 0)).as("0").isEqualTo(128);
        assertThat(grey(image, 612, 0)).as("+200").isEqualTo(255);
    }

    @Test
    void withoutAWindowTheFramesRangeIsUsedAndSignedValuesCount() throws IOException {
        Attributes dataset = image(1, 3, 16, "MONOCHROME2", 1)
            .setInt(Tags.PixelRepresentation, VR.US, 1)
            .setInt(Tags.PixelData, VR.OW, -1000, 0, 1000);

        BufferedImage image = render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);

        assertThat(grey(image, 0, 0)).isZero();
        assertThat(grey(image, 1, 0)).isEqualTo(128);
        assertThat(grey(image, 2, 0)).isEqualTo(255);
    }

    @Test
    void monochrome1IsInverted() throws IOException {
        Attributes dataset = gradient("MONOCHROME1")
            .setDouble(Tags.WindowCenter, VR.DS, 2048)
            .setDouble(Tags.WindowWidth, VR.DS, 1024);

        BufferedImage image = render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);

        assertThat(grey(image, 1000, 0)).isEqualTo(255);
        assertThat(grey(image, 2048, 0)).isEqualTo(127);
        assertThat(grey(image, 3000, 0)).isZero();
    }

    @Test
    void eightBitSamplesAreRead() throws IOException {
        Attributes dataset = image(2, 2, 8, "MONOCHROME2", 1)
            .setBytes(Tags.PixelData, VR.OB, new byte[] {0, 64, (byte) 128, (byte) 255})
            .setDouble(Tags.WindowCenter, VR.DS, 128)
            .setDouble(Tags.WindowWidth, VR.DS, 256);

        BufferedImage image = render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);

        assertThat(new int[] {grey(image, 0, 0), grey(image, 1, 0), grey(image, 0, 1), grey(image, 1, 1)})
            .containsExactly(0, 64, 128, 255);
    }

    @Test
    void rgbIsReadInBothPlanarConfigurations() throws IOException {
        byte[] interleaved = {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255, 10, 20, 30};
        byte[] planar = {(byte) 255, 0, 0, 10, 0, (byte) 255, 0, 20, 0, 0, (byte) 255, 30};
        Attributes byPixel = image(2, 2, 8, "RGB", 3).setBytes(Tags.PixelData, VR.OB, interleaved);
        Attributes byPlane = image(2, 2, 8, "RGB", 3).setInt(Tags.PlanarConfiguration, VR.US, 1)
            .setBytes(Tags.PixelData, VR.OB, planar);

        for (Attributes dataset : List.of(byPixel, byPlane)) {
            BufferedImage image = render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);
            assertThat(new int[] {image.getRGB(0, 0), image.getRGB(1, 0), image.getRGB(0, 1), image.getRGB(1, 1)})
                .containsExactly(0xFFFF0000, 0xFF00FF00, 0xFF0000FF, 0xFF0A141E);
        }
    }

    @Test
    void aThumbnailKeepsTheAspectAndTheMeanGrey() throws IOException {
        byte[] halves = new byte[200 * 100];
        for (int y = 0; y < 100; y++) {
            for (int x = 100; x < 200; x++) {
                halves[y * 200 + x] = (byte) 200;
            }
        }
        Attributes dataset = image(100, 200, 8, "MONOCHROME2", 1).setBytes(Tags.PixelData, VR.OB, halves)
            .setDouble(Tags.WindowCenter, VR.DS, 128)
            .setDouble(Tags.WindowWidth, VR.DS, 256);

        BufferedImage thumbnail = render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 50);
        BufferedImage small = render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, 500);

        assertThat(thumbnail.getWidth()).isEqualTo(50);
        assertThat(thumbnail.getHeight()).isEqualTo(25);
        assertThat(grey(thumbnail, 10, 10)).isZero();
        assertThat(grey(thumbnail, 40, 10)).isEqualTo(200);
        assertThat(small.getWidth()).as("never scaled up").isEqualTo(200);
    }

    @Test
    void laterFramesAreRendered() throws IOException {
        Attributes dataset = image(1, 2, 8, "MONOCHROME2", 1).setInt(Tags.NumberOfFrames, VR.IS, 2)
            .setBytes(Tags.PixelData, VR.OB, new byte[] {0, 0, 0, (byte) 255});
        StoredObject object = StoredObject.open(write(folder.resolve("frames.dcm"), dataset,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        BufferedImage second = Renderer.render(object, 2, null);

        assertThat(grey(second, 0, 0)).isZero();
        assertThat(grey(second, 1, 0)).isEqualTo(255);
        assertThatThrownBy(() -> Renderer.render(object, 3, null)).isInstanceOf(NoSuchFrameException.class);
    }

    @Test
    void compressedPixelDataIsRefused() throws IOException {
        Attributes dataset = image(8, 8, 8, "MONOCHROME2", 1);
        List<byte[]> fragments = dataset.newFragments(Tags.PixelData, VR.OB);
        fragments.add(new byte[0]);
        fragments.add(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9});
        StoredObject object = StoredObject.open(write(folder.resolve("jpeg.dcm"), dataset,
            TransferSyntax.JPEG_BASELINE));

        assertThatThrownBy(() -> Renderer.render(object, 1, 64)).isInstanceOf(UnsupportedRenderingException.class)
            .hasMessageContaining("compressed").hasMessageContaining("JPEG Baseline");
    }

    @Test
    void otherPhotometricInterpretationsAreRefused() throws IOException {
        Attributes dataset = image(2, 2, 8, "PALETTE COLOR", 1).setBytes(Tags.PixelData, VR.OB, new byte[4]);

        assertThatThrownBy(() -> render(dataset, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null))
            .isInstanceOf(UnsupportedRenderingException.class).hasMessageContaining("PALETTE COLOR");
    }

    @Test
    void pngAndJpegAreEncodedAndOtherTypesRefused() throws IOException {
        BufferedImage image = render(gradient("MONOCHROME2"), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();

        Renderer.encode(image, "image/png", png);
        Renderer.encode(image, "image/jpeg; q=0.9", jpeg);

        BufferedImage decodedPng = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertThat(decodedPng.getWidth()).isEqualTo(4096);
        assertThat(grey(decodedPng, 2048, 0)).isEqualTo(grey(image, 2048, 0));
        assertThat(jpeg.toByteArray()).startsWith((byte) 0xFF, (byte) 0xD8);
        assertThat(ImageIO.read(new ByteArrayInputStream(jpeg.toByteArray())).getWidth()).isEqualTo(4096);
        ByteArrayOutputStream gif = new ByteArrayOutputStream();
        assertThatThrownBy(() -> Renderer.encode(image, "image/gif", gif))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/gif");
        assertThat(gif.size()).as("nothing written").isZero();
    }

    @Test
    @Tag("dcmtk")
    void anRgbPictureMadeByImg2dcmRendersAsThePicture() throws Exception {
        BufferedImage picture = CoercedObjectWriterTest.picture();

        BufferedImage rendered = Renderer.render(StoredObject.open(CoercedObjectWriterTest.fromImg2dcm(folder)), 1,
            null);

        assertThat(rendered.getWidth()).isEqualTo(picture.getWidth());
        assertThat(rendered.getHeight()).isEqualTo(picture.getHeight());
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                assertThat(rendered.getRGB(x, y)).as("(%d,%d)", x, y).isEqualTo(picture.getRGB(x, y));
            }
        }
    }
}
