package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** Keras's augmentation: the random draws for a seed, each transform on hand-computed examples, the whole chain. */
class AugmentationTest {
  /** The generators of make_random_reference.py. */
  static final Map<String, ImageDataGenerator> CONFIGS = Map.of(
      "ep18", new ImageDataGenerator().rotationRange(10).widthShiftRange(0.1).heightShiftRange(0.1).shearRange(0.15)
          .zoomRange(0.1).channelShiftRange(10).horizontalFlip(true),
      "pixels", new ImageDataGenerator().rotationRange(45).widthShiftRange(3).heightShiftRange(2.5)
          .zoomRange(0.5, 1.0).verticalFlip(true).horizontalFlip(true).brightnessRange(0.5, 1.5),
      "lists", new ImageDataGenerator().widthShiftRange(new double[] {0.1, 0.25})
          .heightShiftRange(new double[] {1, 2, 3}).shearRange(30).channelShiftRange(50),
      "flips", new ImageDataGenerator().horizontalFlip(true).verticalFlip(true));

  static FloatNdArray image(int h, int w, int c, float... values) {
    return NdArrays.wrap(Shape.of(h, w, c), DataBuffers.of(values, false, false));
  }

  static float[] values(FloatNdArray x) {
    return ImageUtils.toArray(x);
  }

  /** A 4 × 4 one-channel image with distinct values: pixel (r, c) = 10·r + c. */
  static FloatNdArray grid(int h, int w) {
    float[] v = new float[h * w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        v[r * w + c] = 10 * r + c;
      }
    }
    return image(h, w, 1, v);
  }

  static float[][] rows(FloatNdArray x) {
    int h = (int) x.shape().get(0);
    int w = (int) x.shape().get(1);
    float[] v = values(x);
    float[][] out = new float[h][w];
    for (int r = 0; r < h; r++) {
      for (int c = 0; c < w; c++) {
        out[r][c] = v[r * w + c];
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- random draws

  @Test
  void drawsKerassParametersForTheSameSeed() throws IOException {
    int checked = 0;
    for (String line : reference()) {
      if (!line.startsWith("params ")) {
        continue;
      }
      String[] f = line.split(" ");
      ImageDataGenerator gen = CONFIGS.get(f[1]);
      long[] shape = {Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
      long seed = Long.parseLong(f[5]);
      TransformParameters p = gen.getRandomTransform(shape, seed);
      String where = line.substring(0, line.indexOf(' ', line.indexOf(f[5]))) + ": ";
      assertThat(p.theta()).as(where + "theta").isEqualTo(Double.parseDouble(f[6]));
      assertThat(p.tx()).as(where + "tx").isEqualTo(Double.parseDouble(f[7]));
      assertThat(p.ty()).as(where + "ty").isEqualTo(Double.parseDouble(f[8]));
      assertThat(p.shear()).as(where + "shear").isEqualTo(Double.parseDouble(f[9]));
      assertThat(p.zx()).as(where + "zx").isEqualTo(Double.parseDouble(f[10]));
      assertThat(p.zy()).as(where + "zy").isEqualTo(Double.parseDouble(f[11]));
      assertThat(p.flipHorizontal()).as(where + "flip_horizontal").isEqualTo(f[12].equals("1"));
      assertThat(p.flipVertical()).as(where + "flip_vertical").isEqualTo(f[13].equals("1"));
      assertThat(p.channelShiftIntensity()).as(where + "channel_shift_intensity")
          .isEqualTo(f[14].equals("None") ? null : Double.parseDouble(f[14]));
      assertThat(p.brightness()).as(where + "brightness")
          .isEqualTo(f[15].equals("None") ? null : Double.parseDouble(f[15]));
      checked++;
    }
    assertThat(checked).isEqualTo(48);
  }

  @Test
  void randomTransformMatchesKerassChainWithScipy() throws IOException {
    List<String> lines = reference();
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("image ")) {
        continue;
      }
      String[] f = lines.get(i).split(" ");
      int h = Integer.parseInt(f[2]);
      int w = Integer.parseInt(f[3]);
      int c = Integer.parseInt(f[4]);
      long seed = Long.parseLong(f[5]);
      float[] in = floats(lines.get(i + 1));
      float[] expected = floats(lines.get(i + 2));
      float[] actual = values(CONFIGS.get(f[1]).randomTransform(image(h, w, c, in), seed));
      assertThat(actual).as(lines.get(i)).containsExactly(expected);
      checked++;
    }
    assertThat(checked).isEqualTo(9);
  }

  @Test
  void theOldConventionMatchesKerasPreprocessing11() throws IOException {
    // "image-kp11" lines: the real keras-preprocessing 1.1 package (center size / 2 + 0.5, no axis swap)
    List<String> lines = reference();
    int checked = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).startsWith("image-kp11 ")) {
        continue;
      }
      String[] f = lines.get(i).split(" ");
      int h = Integer.parseInt(f[2]);
      int w = Integer.parseInt(f[3]);
      int c = Integer.parseInt(f[4]);
      long seed = Long.parseLong(f[5]);
      float[] in = floats(lines.get(i + 1));
      float[] expected = floats(lines.get(i + 2));
      ImageDataGenerator gen = CONFIGS.get(f[1]);
      gen.affineConvention(AffineConvention.KERAS_PREPROCESSING_1_1);
      try {
        float[] actual = values(gen.randomTransform(image(h, w, c, in), seed));
        assertThat(actual).as(lines.get(i)).containsExactly(expected);
      } finally {
        gen.affineConvention(AffineConvention.KERAS);
      }
      checked++;
    }
    assertThat(checked).isEqualTo(9);
  }

  @Test
  void seedsOutside32BitsAreMixedNotRejected() {
    ImageDataGenerator gen = CONFIGS.get("ep18");
    long[] shape = {8, 8, 3};
    assertThat(gen.getRandomTransform(shape, -1)).isEqualTo(gen.getRandomTransform(shape, -1));
    assertThat(gen.getRandomTransform(shape, -1)).isNotEqualTo(gen.getRandomTransform(shape, 0xffffffffL));
    assertThat(gen.getRandomTransform(shape, 1L << 40)).isNotEqualTo(gen.getRandomTransform(shape, 0));
  }

  @Test
  void mersenneTwisterIsNumpysLegacyGenerator() {
    // np.random.seed(5489); [np.random.randint(0, 2**32 - 1) ...] is MT19937's reference output 3499211612, ...
    MersenneTwister mt = new MersenneTwister(5489);
    assertThat(mt.nextInt() & 0xffffffffL).isEqualTo(3499211612L);
    assertThat(mt.nextInt() & 0xffffffffL).isEqualTo(581869302L);
    assertThat(mt.nextInt() & 0xffffffffL).isEqualTo(3890346734L);
    // np.random.seed(42); np.random.random() == 0.3745401188473625; np.random.randint(0, 10) == 6 (masked, after it)
    MersenneTwister seeded = new MersenneTwister(42);
    assertThat(seeded.nextDouble()).isEqualTo(0.3745401188473625);
    assertThat(new MersenneTwister(7).nextInt(1)).isZero();
  }

  // ---------------------------------------------------------------------------------------------- each transform

  @Test
  void rotationBy90DegreesTurnsAnAsymmetricImageExactly() {
    // Fill mode nearest; interpolation order 0 takes whole pixels. cos(90°) is 6e-17 in doubles, so bilinear
    // interpolation (order 1, Keras's default) mixes in neighbours at weights of about 1e-16, as scipy does.
    ImageDataGenerator gen = new ImageDataGenerator().interpolationOrder(0);
    // 4 × 4, center (1.5, 1.5). Keras builds the matrix for (x, y) and swaps the axes (M' = PMP), so output
    // (r, c) samples input (c, 3 - r), np.rot90(x, 1): a counter-clockwise quarter turn
    float[][] expected = {
        {3, 13, 23, 33},
        {2, 12, 22, 32},
        {1, 11, 21, 31},
        {0, 10, 20, 30}};
    float[][] turned = rows(gen.applyTransform(grid(4, 4), TransformParameters.none().withTheta(90)));
    assertThat(turned).isDeepEqualTo(expected);
    float[][] bilinear =
        rows(new ImageDataGenerator().applyTransform(grid(4, 4), TransformParameters.none().withTheta(90)));
    for (int r = 0; r < 4; r++) {
      assertThat(bilinear[r]).containsExactly(expected[r], within(1e-6f));
    }
    // 3 × 5 (not square): the offsets (1, 2) are computed for (height, width) but swapped with the axes, so the
    // turn is about row 2, column 1 as in Keras: output (r, c) samples input (c + 1, 3 - r), clamped to the edge
    float[][] wide = rows(gen.applyTransform(grid(3, 5), TransformParameters.none().withTheta(90)));
    assertThat(wide).isDeepEqualTo(new float[][] {
        {13, 23, 23, 23, 23},
        {12, 22, 22, 22, 22},
        {11, 21, 21, 21, 21}});
    // keras-preprocessing up to 1.1.2: center (2.5, 2.5), no swap: output (r, c) samples input (5 - c, r), a
    // clockwise turn one pixel off
    float[][] old = rows(new ImageDataGenerator().interpolationOrder(0)
        .affineConvention(AffineConvention.KERAS_PREPROCESSING_1_1)
        .applyTransform(grid(4, 4), TransformParameters.none().withTheta(90)));
    assertThat(old).isDeepEqualTo(new float[][] {
        {30, 30, 30, 20},
        {31, 31, 31, 21},
        {32, 32, 32, 22},
        {33, 33, 33, 23}});
    // the same quarter turn by Keras's matrix: rotation about the center
    double[] m = TransformParameters.none().withTheta(90).matrix(4, 4);
    assertThat(m).containsExactly(new double[] {0, -1, 3, 1, 0, 0, 0, 0, 1}, within(1e-12));
  }

  @Test
  void shiftByTwoPixelsMovesRowsOrColumnsExactly() {
    ImageDataGenerator nearest = new ImageDataGenerator();
    // Keras's axis swap makes tx (drawn from height_shift_range) move columns and ty move rows.
    // tx = 2: output column c shows input column c + 2; the last columns repeat the edge (fill mode nearest)
    assertThat(rows(nearest.applyTransform(grid(4, 3), TransformParameters.none().withShift(2, 0))))
        .isDeepEqualTo(new float[][] {{2, 2, 2}, {12, 12, 12}, {22, 22, 22}, {32, 32, 32}});
    // ty = -2: output row r shows input row r - 2; the first rows repeat the edge
    assertThat(rows(nearest.applyTransform(grid(4, 2), TransformParameters.none().withShift(0, -2))))
        .isDeepEqualTo(new float[][] {{0, 1}, {0, 1}, {0, 1}, {10, 11}});
    // constant fill puts cval where the image moved away
    ImageDataGenerator constant = new ImageDataGenerator().fillMode("constant").cval(-1);
    assertThat(rows(constant.applyTransform(grid(4, 3), TransformParameters.none().withShift(2, 0))))
        .isDeepEqualTo(new float[][] {{2, -1, -1}, {12, -1, -1}, {22, -1, -1}, {32, -1, -1}});
    // reflect and wrap as scipy: reflect mirrors about the edge, wrap repeats with period size - 1
    assertThat(rows(new ImageDataGenerator().fillMode("reflect")
        .applyTransform(grid(4, 1), TransformParameters.none().withShift(0, 2))))
        .isDeepEqualTo(new float[][] {{20}, {30}, {30}, {20}});
    assertThat(rows(new ImageDataGenerator().fillMode("wrap")
        .applyTransform(grid(4, 1), TransformParameters.none().withShift(0, 2))))
        .isDeepEqualTo(new float[][] {{20}, {30}, {10}, {20}});
    // keras-preprocessing up to 1.1.2 (no swap): tx moves rows
    assertThat(rows(new ImageDataGenerator().affineConvention(AffineConvention.KERAS_PREPROCESSING_1_1)
        .applyTransform(grid(4, 3), TransformParameters.none().withShift(2, 0))))
        .isDeepEqualTo(new float[][] {{20, 21, 22}, {30, 31, 32}, {30, 31, 32}, {30, 31, 32}});
  }

  @Test
  void horizontalAndVerticalFlipsReverseColumnsAndRows() {
    ImageDataGenerator gen = new ImageDataGenerator();
    FloatNdArray rgb = image(2, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    assertThat(values(gen.applyTransform(rgb, TransformParameters.none().withFlips(true, false))))
        .containsExactly(5, 6, 3, 4, 1, 2, 11, 12, 9, 10, 7, 8);
    assertThat(values(gen.applyTransform(rgb, TransformParameters.none().withFlips(false, true))))
        .containsExactly(7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6);
    assertThat(values(gen.applyTransform(rgb, TransformParameters.none().withFlips(true, true))))
        .containsExactly(11, 12, 9, 10, 7, 8, 5, 6, 3, 4, 1, 2);
    assertThat(values(rgb)).as("the input is not modified").containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
  }

  @Test
  void zoomOfTwoShowsTheImageAtHalfSizeAboutItsCenter() {
    ImageDataGenerator gen = new ImageDataGenerator();
    // 5 × 5, center (2, 2): output (r, c) samples input (2r - 2, 2c - 2), clamped to the edge
    float[][] zoomed = rows(gen.applyTransform(grid(5, 5), TransformParameters.none().withZoom(2, 2)));
    assertThat(zoomed).isDeepEqualTo(new float[][] {
        {0, 0, 2, 4, 4},
        {0, 0, 2, 4, 4},
        {20, 20, 22, 24, 24},
        {40, 40, 42, 44, 44},
        {40, 40, 42, 44, 44}});
    // with Keras's axis swap zx scales the columns only; a zoom of 0.5 interpolates between pixels (bilinear):
    // output column c samples input column (c - 2) / 2 + 2
    float[][] columnsOnly = rows(gen.applyTransform(grid(5, 5), TransformParameters.none().withZoom(0.5, 1)));
    assertThat(columnsOnly[0]).containsExactly(1, 1.5f, 2, 2.5f, 3);
    assertThat(columnsOnly[2]).containsExactly(21, 21.5f, 22, 22.5f, 23);
  }

  @Test
  void shearAndTheOrderOfTheMatricesFollowKeras() {
    // rotation · shift · shear · zoom, then about the center: compared with numpy's product for these values
    TransformParameters p = new TransformParameters(30, 2, -3, 10, 0.8, 1.25, false, false, null, null);
    double[] m = p.matrix(6, 8);
    double t = Math.toRadians(30);
    double s = Math.toRadians(10);
    double[] expectedLinear = {
        Math.cos(t) * 0.8, (Math.cos(t) * -Math.sin(s) - Math.sin(t) * Math.cos(s)) * 1.25,
        Math.sin(t) * 0.8, (Math.sin(t) * -Math.sin(s) + Math.cos(t) * Math.cos(s)) * 1.25};
    assertThat(new double[] {m[0], m[1], m[3], m[4]}).containsExactly(expectedLinear, within(1e-12));
    // the translation: R·(tx, ty) plus the center correction o - A·o, o = (2.5, 3.5)
    double rx = Math.cos(t) * 2 - Math.sin(t) * -3;
    double ry = Math.sin(t) * 2 + Math.cos(t) * -3;
    assertThat(m[2]).isCloseTo(rx + 2.5 - (m[0] * 2.5 + m[1] * 3.5), within(1e-12));
    assertThat(m[5]).isCloseTo(ry + 3.5 - (m[3] * 2.5 + m[4] * 3.5), within(1e-12));
    assertThat(TransformParameters.none().matrix(5, 5)).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
  }

  @Test
  void channelShiftAddsOneValueClippedToTheImagesRange() {
    ImageDataGenerator gen = new ImageDataGenerator();
    FloatNdArray x = image(1, 2, 3, 10, 50, 100, 20, 60, 200);
    assertThat(values(gen.applyTransform(x, TransformParameters.none().withChannelShift(30.0))))
        .containsExactly(40, 80, 130, 50, 90, 200);
    assertThat(values(gen.applyTransform(x, TransformParameters.none().withChannelShift(-15.0))))
        .containsExactly(10, 35, 85, 10, 45, 185);
  }

  @Test
  void brightnessIsPilsEnhanceOnEightBitPixels() {
    ImageDataGenerator gen = new ImageDataGenerator();
    FloatNdArray x = image(1, 2, 3, 10.7f, 100, 255, 0, 33.3f, 200);
    // uint8 truncation (10.7 -> 10), then (uint8)(0.5f * v)
    assertThat(values(gen.applyTransform(x, TransformParameters.none().withBrightness(0.5))))
        .containsExactly(5, 50, 127, 0, 16, 100);
    // above 1: clipped at 255
    assertThat(values(gen.applyTransform(x, TransformParameters.none().withBrightness(1.5))))
        .containsExactly(15, 150, 255, 0, 49, 255);
    // 1 keeps the brightness but still truncates to whole numbers, as Keras does
    assertThat(values(gen.applyTransform(x, TransformParameters.none().withBrightness(1.0))))
        .containsExactly(10, 100, 255, 0, 33, 200);
    // values outside 0..255 are scaled to 0..255 for PIL and back: -100..300 -> 0..255 -> halved -> back
    FloatNdArray wide = image(1, 2, 1, -100, 300);
    assertThat(values(gen.applyTransform(wide, TransformParameters.none().withBrightness(0.5))))
        .containsExactly(-100f, 127f / 255f * 400f - 100f);
    // RGBA keeps its alpha
    FloatNdArray rgba = image(1, 1, 4, 100, 100, 100, 77);
    assertThat(values(gen.applyTransform(rgba, TransformParameters.none().withBrightness(0.5))))
        .containsExactly(50, 50, 50, 77);
  }

  @Test
  void brightnessMatchesKerasWithRealPillow() throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = AugmentationTest.class.getResourceAsStream("brightness-reference.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.startsWith("#")) {
          lines.add(line);
        }
      }
    }
    ImageDataGenerator gen = new ImageDataGenerator();
    int checked = 0;
    for (int i = 0; i < lines.size(); i += 3) {
      String[] f = lines.get(i).split(" ");
      double factor = Double.parseDouble(f[1]);
      int h = Integer.parseInt(f[2]);
      int w = Integer.parseInt(f[3]);
      int c = Integer.parseInt(f[4]);
      FloatNdArray x = image(h, w, c, floats(lines.get(i + 1)));
      float[] actual = values(gen.applyTransform(x, TransformParameters.none().withBrightness(factor)));
      assertThat(actual).as(lines.get(i)).containsExactly(floats(lines.get(i + 2)));
      checked++;
    }
    assertThat(checked).isEqualTo(30);
  }

  @Test
  void appliesTheStepsInKerassOrder() {
    // affine, then channel shift (range of the resampled image), then flips, then brightness
    ImageDataGenerator gen = new ImageDataGenerator();
    FloatNdArray x = image(1, 3, 1, 0, 100, 200);
    TransformParameters p = TransformParameters.none().withShift(1, 0).withChannelShift(-50.0).withFlips(true, false)
        .withBrightness(0.5);
    // shift (tx moves columns, Keras's axis swap): [100, 200, 200]; channel shift clipped to [100, 200]:
    // [100, 150, 150]; flip: [150, 150, 100];
    // brightness: [75, 75, 50]
    assertThat(values(gen.applyTransform(x, p))).containsExactly(75, 75, 50);
  }

  @Test
  void noAugmentationLeavesTheImageUntouched() {
    ImageDataGenerator gen = new ImageDataGenerator();
    FloatNdArray x = grid(3, 3);
    assertThat(gen.augmenter().active()).isFalse();
    assertThat(values(gen.randomTransform(x, 1))).containsExactly(values(x));
    assertThat(gen.getRandomTransform(new long[] {3, 3, 1}, 1)).isEqualTo(TransformParameters.none());
  }

  @Test
  void interpolationOrderZeroTakesTheNearestPixel() {
    ImageDataGenerator gen = new ImageDataGenerator().interpolationOrder(0);
    float[][] half = rows(gen.applyTransform(grid(5, 5), TransformParameters.none().withZoom(0.5, 1)));
    // input columns 1, 1.5, 2, 2.5, 3 -> floor(x + 0.5): 1, 2, 2, 3, 3
    assertThat(half[0]).containsExactly(1, 2, 2, 3, 3);
  }

  private static List<String> reference() throws IOException {
    List<String> lines = new ArrayList<>();
    try (InputStream in = AugmentationTest.class.getResourceAsStream("random-reference.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.startsWith("#")) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private static float[] floats(String line) {
    double[] d = Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
