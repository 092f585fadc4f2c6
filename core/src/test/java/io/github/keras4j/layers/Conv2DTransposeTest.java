package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Conv2DTransposeTest {

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("3x3 valid", (Supplier<Conv2DTranspose>) () -> new Conv2DTranspose(2, 3), new long[] {3, 4, 2}),
        Arguments.of("same strides 2",
            (Supplier<Conv2DTranspose>) () -> new Conv2DTranspose(3, 3).strides(2).padding("same"),
            new long[] {3, 3, 2}),
        Arguments.of("valid strides 2 output padding 1",
            (Supplier<Conv2DTranspose>) () -> new Conv2DTranspose(2, 3).strides(2).outputPadding(1),
            new long[] {3, 2, 2}),
        Arguments.of("same strides 2 output padding 1 relu",
            (Supplier<Conv2DTranspose>) () -> new Conv2DTranspose(2, 3).strides(2).padding("same").outputPadding(1)
                .activation("relu"),
            new long[] {3, 3, 1}),
        Arguments.of("2x3 kernel strides (2, 1) no bias",
            (Supplier<Conv2DTranspose>) () -> new Conv2DTranspose(2, 2, 3).strides(2, 1).useBias(false),
            new long[] {2, 3, 2}),
        Arguments.of("dilation 2 valid",
            (Supplier<Conv2DTranspose>) () -> new Conv2DTranspose(2, 2).dilationRate(2), new long[] {3, 3, 2}));
  }

  /**
   * The transposed convolution by scattering: input (i, j, c) adds {@code x · k[di, dj, o, c]} at output
   * {@code (i·s + di·d - padTop, j·s + dj·d - padLeft, o)}, where the pads are those of the forward convolution
   * from the output size back to the input size (TensorFlow's SAME rule: half the total, the rest after).
   */
  static double[] reference(Conv2DTranspose t, float[] x, long[] shape, List<float[]> w) {
    int b = (int) shape[0];
    int h = (int) shape[1];
    int wd = (int) shape[2];
    int c = (int) shape[3];
    int[] k = t.kernelSize();
    int[] s = t.strides();
    int[] d = t.dilationRate();
    int f = t.filters();
    int oh = (int) Conv2DTranspose.outputLength(h, k[0], t.padding(),
        t.outputPadding() == null ? null : t.outputPadding()[0], s[0], d[0]);
    int ow = (int) Conv2DTranspose.outputLength(wd, k[1], t.padding(),
        t.outputPadding() == null ? null : t.outputPadding()[1], s[1], d[1]);
    int dkh = (k[0] - 1) * d[0] + 1;
    int dkw = (k[1] - 1) * d[1] + 1;
    int padTop = t.padding().equals("same") ? Math.max((h - 1) * s[0] + dkh - oh, 0) / 2 : 0;
    int padLeft = t.padding().equals("same") ? Math.max((wd - 1) * s[1] + dkw - ow, 0) / 2 : 0;
    float[] kernel = w.get(0);
    double[] out = new double[b * oh * ow * f];
    for (int n = 0; n < b; n++) {
      for (int i = 0; i < h; i++) {
        for (int j = 0; j < wd; j++) {
          for (int ci = 0; ci < c; ci++) {
            double v = x[((n * h + i) * wd + j) * c + ci];
            for (int di = 0; di < k[0]; di++) {
              int r = i * s[0] + di * d[0] - padTop;
              for (int dj = 0; dj < k[1]; dj++) {
                int col = j * s[1] + dj * d[1] - padLeft;
                if (r < 0 || r >= oh || col < 0 || col >= ow) {
                  continue;
                }
                for (int o = 0; o < f; o++) {
                  out[((n * oh + r) * ow + col) * f + o] += v * kernel[((di * k[1] + dj) * f + o) * c + ci];
                }
              }
            }
          }
        }
      }
    }
    for (int p = 0; p < out.length; p++) {
      if (t.useBias()) {
        out[p] += w.get(1)[p % f];
      }
      if (t.activation().name().equals("relu")) {
        out[p] = Math.max(0, out[p]);
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<Conv2DTranspose> factory, long[] sampleShape) {
    Conv2DTranspose t = factory.get();
    int[] k = t.kernelSize();
    var kernel = trainable("kernel", k[0], k[1], t.filters(), sampleShape[2]);
    LayerTestKit kit = LayerTestKit.of(factory, sampleShape).batch(2)
        .reference((x, shape, w) -> reference(t, x, shape, w));
    if (t.useBias()) {
      kit.expectWeights(kernel, trainable("bias", t.filters()));
    } else {
      kit.expectWeights(kernel);
    }
    if (description.equals("3x3 valid") || description.equals("same strides 2 output padding 1 relu")) {
      kit.run();
    } else {
      kit.runWithoutTrainingStep(); // the training step is covered by the configurations above
    }
  }

  /** Keras's deconv_output_length, by hand: e.g. valid 3x3 stride 2 on 5 → 5·2 + max(3 - 2, 0) = 11. */
  @Test
  void infersKerasOutputShapes() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Conv2DTranspose(8, 3).strides(2).computeOutputShape(Shapes.batchOf(5, 5, 4)).asArray())
          .containsExactly(-1, 11, 11, 8);
      assertThat(new Conv2DTranspose(8, 3).strides(2).padding("same").computeOutputShape(Shapes.batchOf(5, 7, 4))
          .asArray()).containsExactly(-1, 10, 14, 8);
      assertThat(new Conv2DTranspose(8, 4).strides(2).padding("same").outputPadding(1)
          .computeOutputShape(Shapes.batchOf(5, 5, 4)).asArray()).containsExactly(-1, 9, 9, 8);
      assertThat(new Conv2DTranspose(8, 2).strides(2).computeOutputShape(Shapes.batchOf(5, 5, 4)).asArray())
          .containsExactly(-1, 10, 10, 8);
    }
  }

  @Test
  void writesAndReadsKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      Map<String, Object> config = new Conv2DTranspose(4, 3).strides(2).outputPadding(1).getConfig();
      assertThat(config).containsEntry("name", "conv2d_transpose").containsEntry("output_padding", List.of(1, 1))
          .containsEntry("strides", List.of(2, 2)).containsEntry("filters", 4);
      assertThat(new Conv2DTranspose(4, 3).getConfig()).containsEntry("output_padding", null);
      Layer alias = LayerRegistry.fromConfig("Convolution2DTranspose",
          Map.of("filters", 2, "kernel_size", List.of(2, 2), "strides", List.of(2, 2)));
      assertThat(alias).isInstanceOf(Conv2DTranspose.class);
    }
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> new Conv2DTranspose(2, 3).strides(2).outputPadding(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Conv2DTranspose: strides must be greater than outputPadding, but got strides=(2, 2) and"
            + " outputPadding=(2, 2).");
    assertThatThrownBy(() -> new Conv2DTranspose(0, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Conv2DTranspose: filters must be a positive integer, but got filters=0.");
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> new Conv2DTranspose(2, 3).computeOutputShape(Shapes.batchOf(4, 4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("expected ndim=4, found ndim=3");
    }
  }
}
