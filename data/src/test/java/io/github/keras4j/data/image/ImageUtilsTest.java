package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

class ImageUtilsTest {
  @TempDir Path dir;

  private static int[] rgbAt(BufferedImage image, int x, int y) {
    int v = image.getRGB(x, y);
    return new int[] {(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff};
  }

  private static final int[][] SMALL = {
    {0x102030, 0x405060, 0x708090},
    {0xa0b0c0, 0xd0e0f0, 0x010203},
  };

  @Test
  void loadsPngAndBmpExactlyAsRgb() throws IOException {
    for (String name : new String[] {"small.png", "small.bmp", "small.tif"}) {
      BufferedImage image = ImageUtils.loadImg(TestImages.rgb(dir.resolve(name), SMALL));
      assertThat(image.getType()).as(name).isEqualTo(BufferedImage.TYPE_INT_RGB);
      assertThat(image.getWidth()).isEqualTo(3);
      assertThat(image.getHeight()).isEqualTo(2);
      for (int y = 0; y < 2; y++) {
        for (int x = 0; x < 3; x++) {
          assertThat(image.getRGB(x, y) & 0xffffff).as("%s (%d, %d)", name, x, y).isEqualTo(SMALL[y][x]);
        }
      }
    }
  }

  @Test
  void loadsJpegCloseToTheStoredColor() throws IOException {
    Path jpg = TestImages.solid(dir.resolve("red.jpg"), 16, 16, 0xc83214);
    int[] rgb = rgbAt(ImageUtils.loadImg(jpg), 8, 8);
    assertThat(rgb[0]).isCloseTo(0xc8, within(4));
    assertThat(rgb[1]).isCloseTo(0x32, within(4));
    assertThat(rgb[2]).isCloseTo(0x14, within(4));
  }

  @Test
  void replicatesGrayWithoutGammaConversion() throws IOException {
    // BufferedImage.getRGB would turn gray 100 into 168 (the JDK's gray space is linear); PIL gives 100.
    Path png = TestImages.gray(dir.resolve("gray.png"), new int[][] {{100, 200}});
    BufferedImage image = ImageUtils.loadImg(png);
    assertThat(rgbAt(image, 0, 0)).containsExactly(100, 100, 100);
    assertThat(rgbAt(image, 1, 0)).containsExactly(200, 200, 200);
    assertThat(TestImages.values(ImageUtils.imgToArray(ImageUtils.loadImg(png, "grayscale"))))
        .containsExactly(100f, 200f);
  }

  @Test
  void dropsAlphaOfRgbaImagesAndKeepsItInRgbaMode() throws IOException {
    BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x80ff0000);
    argb.setRGB(1, 0, 0x0000ff00);
    Path png = TestImages.write(argb, dir.resolve("alpha.png"));
    BufferedImage rgb = ImageUtils.loadImg(png);
    assertThat(rgb.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
    assertThat(rgbAt(rgb, 0, 0)).containsExactly(255, 0, 0);
    assertThat(rgbAt(rgb, 1, 0)).containsExactly(0, 255, 0);
    FloatNdArray rgba = ImageUtils.imgToArray(ImageUtils.loadImg(png, "rgba"));
    assertThat(rgba.shape().asArray()).containsExactly(1, 2, 4);
    assertThat(TestImages.values(rgba)).containsExactly(255, 0, 0, 128, 0, 255, 0, 0);
  }

  @Test
  void reducesSixteenBitImagesToTheirHighByte() throws IOException {
    BufferedImage u16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    u16.getRaster().setSample(0, 0, 0, 30000);
    u16.getRaster().setSample(1, 0, 0, 65535);
    Path png = TestImages.write(u16, dir.resolve("u16.png"));
    BufferedImage image = ImageUtils.loadImg(png);
    assertThat(rgbAt(image, 0, 0)).containsExactly(117, 117, 117); // 30000 >> 8
    assertThat(rgbAt(image, 1, 0)).containsExactly(255, 255, 255);
  }

  @Test
  void convertsToGrayscaleWithPilsLuma() throws IOException {
    Path png = TestImages.rgb(dir.resolve("c.png"), new int[][] {{0xff0000, 0x0ac81e}});
    // PIL: L = (19595 R + 38470 G + 7471 B + 32768) >> 16 → red 76, (10, 200, 30) 124.
    assertThat(TestImages.values(ImageUtils.imgToArray(ImageUtils.loadImg(png, "grayscale"))))
        .containsExactly(76f, 124f);
  }

  @Test
  void convertsCmykJpegsWithPilsFormula() throws IOException {
    WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8, 8, 4, null);
    int[] pixel = {10, 20, 30, 40};
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        raster.setPixel(x, y, pixel);
      }
    }
    Path jpg = dir.resolve("cmyk.jpg");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(jpg.toFile())) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(1f);
      writer.write(null, new IIOImage(raster, null, null), param);
    } finally {
      writer.dispose();
    }
    // Both the JDK and PIL read these samples back as CMYK (245, 235, 225, 215); PIL's CMYK → RGB gives (2, 3, 5).
    int[] rgb = rgbAt(ImageUtils.loadImg(jpg), 4, 4);
    assertThat(rgb[0]).isCloseTo(2, within(1));
    assertThat(rgb[1]).isCloseTo(3, within(1));
    assertThat(rgb[2]).isCloseTo(5, within(1));
  }

  @Test
  void readsBinaryPpmFilesWhichKerasAccepts() throws IOException {
    Path ppm = dir.resolve("two.ppm");
    byte[] header = "P6\n# a comment\n2 1\n255\n".getBytes(StandardCharsets.US_ASCII);
    byte[] pixels = {10, 20, 30, (byte) 200, (byte) 210, (byte) 220};
    byte[] all = Arrays.copyOf(header, header.length + pixels.length);
    System.arraycopy(pixels, 0, all, header.length, pixels.length);
    Files.write(ppm, all);
    assertThat(TestImages.values(ImageUtils.imgToArray(ImageUtils.loadImg(ppm))))
        .containsExactly(10, 20, 30, 200, 210, 220);
  }

  @Test
  void resizesWithNearestByDefaultAndBilinearOnRequest() throws IOException {
    int[][] gray = new int[3][5];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 5; x++) {
        gray[y][x] = 10 * (y * 5 + x);
      }
    }
    Path png = TestImages.gray(dir.resolve("g.png"), gray);
    BufferedImage nearest = ImageUtils.loadImg(png, 4, 3);
    assertThat(nearest.getWidth()).isEqualTo(3);
    assertThat(nearest.getHeight()).isEqualTo(4);
    // Columns 0, 2, 4 and rows 0, 1, 1, 2, as PIL's NEAREST: floor((i + 0.5) * in / out).
    int[] expected = {0, 20, 40, 50, 70, 90, 50, 70, 90, 100, 120, 140};
    for (int i = 0; i < 12; i++) {
      assertThat(rgbAt(nearest, i % 3, i / 3)[0]).as("pixel %d", i).isEqualTo(expected[i]);
    }
    Path row = TestImages.gray(dir.resolve("row.png"), new int[][] {{0, 100, 200, 60}});
    assertThat(rgbAt(ImageUtils.loadImg(row, 1, 2, "bilinear"), 0, 0)[0]).isEqualTo(71);
    assertThat(rgbAt(ImageUtils.loadImg(row, 1, 2), 0, 0)[0]).isEqualTo(100); // nearest: input 1
  }

  @Test
  void rejectsNonPositiveTargetSizesNamingTheValue() {
    Path png = dir.resolve("none.png");
    assertThatThrownBy(() -> ImageUtils.loadImg(png, 0, 224))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("height=0");
    assertThatThrownBy(() -> ImageUtils.loadImg(png, 224, -3))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("width=-3");
    assertThatThrownBy(() -> ImageUtils.loadImg(png, "cmyk"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("colorMode='cmyk'");
  }

  @Test
  void reportsAMissingFileWithItsPath() {
    Path missing = dir.resolve("missing.jpg");
    assertThatThrownBy(() -> ImageUtils.loadImg(missing))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void reportsCorruptAndTruncatedFilesWithTheirPathAndReason() throws IOException {
    Path garbage = dir.resolve("garbage.jpg");
    Files.write(garbage, "this is not an image at all".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> ImageUtils.loadImg(garbage))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith(garbage.toString())
        .hasMessageContaining("not an image");

    Path empty = Files.createFile(dir.resolve("empty.png"));
    assertThatThrownBy(() -> ImageUtils.loadImg(empty))
        .isInstanceOf(InvalidImageException.class).hasMessageContaining("empty");

    Path jpg = TestImages.rgb(dir.resolve("whole.jpg"), noise(64, 48));
    byte[] bytes = Files.readAllBytes(jpg);
    Path truncatedJpg = Files.write(dir.resolve("truncated.jpg"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> ImageUtils.loadImg(truncatedJpg))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith(truncatedJpg.toString())
        .hasMessageContaining("truncated JPEG");

    Path png = TestImages.rgb(dir.resolve("whole.png"), noise(64, 48));
    byte[] pngBytes = Files.readAllBytes(png);
    Path truncatedPng = Files.write(dir.resolve("truncated.png"), Arrays.copyOf(pngBytes, pngBytes.length / 2));
    assertThatThrownBy(() -> ImageUtils.loadImg(truncatedPng))
        .isInstanceOf(InvalidImageException.class)
        .hasMessageStartingWith(truncatedPng.toString())
        .satisfies(e -> assertThat(((InvalidImageException) e).path()).isEqualTo(truncatedPng));
  }

  static int[][] noise(int width, int height) {
    java.util.Random random = new java.util.Random(7);
    int[][] rgb = new int[height][width];
    for (int[] row : rgb) {
      for (int x = 0; x < width; x++) {
        row[x] = random.nextInt(0x1000000);
      }
    }
    return rgb;
  }

  @Test
  void convertsImagesToArraysAndBack() throws IOException {
    BufferedImage image = ImageUtils.loadImg(TestImages.rgb(dir.resolve("s.png"), SMALL));
    FloatNdArray x = ImageUtils.imgToArray(image);
    assertThat(x.shape().asArray()).containsExactly(2, 3, 3);
    assertThat(x.getFloat(0, 1, 0)).isEqualTo(0x40);
    assertThat(x.getFloat(1, 2, 2)).isEqualTo(0x03);
    BufferedImage back = ImageUtils.arrayToImg(x, false);
    for (int y = 0; y < 2; y++) {
      for (int i = 0; i < 3; i++) {
        assertThat(back.getRGB(i, y) & 0xffffff).isEqualTo(SMALL[y][i]);
      }
    }
  }

  @Test
  void arrayToImgScalesToTheFullRangeOrClips() {
    FloatNdArray x = NdArrays.wrap(Shape.of(1, 2, 3), DataBuffers.of(new float[] {-10, 0, 10, 30, 20, 10}, false,
        false));
    BufferedImage scaled = ImageUtils.arrayToImg(x);
    // (v - (-10)) / 40 * 255, truncated: 0, 63, 127 and 255, 191, 127
    assertThat(rgbAt(scaled, 0, 0)).containsExactly(0, 63, 127);
    assertThat(rgbAt(scaled, 1, 0)).containsExactly(255, 191, 127);
    FloatNdArray big = NdArrays.wrap(Shape.of(1, 1, 3), DataBuffers.of(new float[] {-5, 300, 12.7f}, false, false));
    assertThat(rgbAt(ImageUtils.arrayToImg(big, false), 0, 0)).containsExactly(0, 255, 12);
    FloatNdArray gray = NdArrays.wrap(Shape.of(1, 1, 1), DataBuffers.of(new float[] {9}, false, false));
    assertThat(ImageUtils.arrayToImg(gray, false).getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
    assertThatThrownBy(() -> ImageUtils.arrayToImg(NdArrays.ofFloats(Shape.of(2, 2)), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(2, 2)");
    assertThatThrownBy(() -> ImageUtils.arrayToImg(NdArrays.ofFloats(Shape.of(2, 2, 2)), true))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
  }

  @Test
  void savesImagesAtomicallyInTheFormatOfTheExtension() throws IOException {
    FloatNdArray x = ImageUtils.imgToArray(ImageUtils.loadImg(TestImages.rgb(dir.resolve("src.png"), SMALL)));
    Path out = dir.resolve("out/sub/saved.png");
    ImageUtils.saveImg(out, ImageUtils.arrayToImg(x, false));
    assertThat(TestImages.values(ImageUtils.imgToArray(ImageUtils.loadImg(out)))).containsExactly(TestImages.values(x));
    Path bmp = dir.resolve("out/saved.BMP");
    ImageUtils.saveImg(bmp, x); // scale=True stretches 0x01..0xf0 to 0..255
    assertThat(ImageIO.read(bmp.toFile())).isNotNull();
    BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
    Path jpg = dir.resolve("out/alpha.jpg");
    ImageUtils.saveImg(jpg, argb); // JPEG has no alpha: dropped, as Keras does
    assertThat(ImageIO.read(jpg.toFile()).getWidth()).isEqualTo(2);
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sub", "saved.BMP",
          "alpha.jpg");
    }
    assertThatThrownBy(() -> ImageUtils.saveImg(dir.resolve("x.webp"), argb))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.webp").hasMessageContaining(".png");
  }

  @Test
  void expandDimsAddsABatchAxis() {
    FloatNdArray x = NdArrays.wrap(Shape.of(2, 1, 3), DataBuffers.of(new float[] {1, 2, 3, 4, 5, 6}, false, false));
    FloatNdArray batch = ImageUtils.expandDims(x);
    assertThat(batch.shape().asArray()).containsExactly(1, 2, 1, 3);
    assertThat(TestImages.values(batch)).containsExactly(1, 2, 3, 4, 5, 6);
  }
}
