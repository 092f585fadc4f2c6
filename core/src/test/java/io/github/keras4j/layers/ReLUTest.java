package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReLUTest {

  /**
   * Keras's {@code backend.relu}: {@code x * (x > threshold)} (or {@code relu(x)} without threshold), clipped to
   * {@code [0, maxValue]}, minus {@code negativeSlope * relu(threshold - x)}.
   */
  static double reference(ReLU layer, double x) {
    double t = layer.threshold();
    double y = t != 0 ? (x > t ? x : 0) : Math.max(x, 0);
    if (layer.maxValue() != null) {
      y = Math.min(Math.max(y, 0), layer.maxValue());
    }
    if (layer.negativeSlope() != 0) {
      y -= layer.negativeSlope() * Math.max(t - x, 0);
    }
    return y;
  }

  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("plain", (Supplier<ReLU>) ReLU::new),
        Arguments.of("max value 6", (Supplier<ReLU>) () -> new ReLU(6.0)),
        Arguments.of("max value 1.5", (Supplier<ReLU>) () -> new ReLU(1.5)),
        Arguments.of("negative slope 0.2", (Supplier<ReLU>) () -> new ReLU().negativeSlope(0.2)),
        Arguments.of("threshold 0.5", (Supplier<ReLU>) () -> new ReLU().threshold(0.5)),
        Arguments.of("threshold, slope and max", (Supplier<ReLU>) () -> new ReLU(1.5).negativeSlope(0.3).threshold(0.5)),
        Arguments.of("slope and max 6", (Supplier<ReLU>) () -> new ReLU(6.0).negativeSlope(0.1)),
        Arguments.of("threshold and max 6", (Supplier<ReLU>) () -> new ReLU(6.0).threshold(0.5)),
        Arguments.of("threshold and max 1.5", (Supplier<ReLU>) () -> new ReLU(1.5).threshold(0.5)),
        Arguments.of("slope and threshold", (Supplier<ReLU>) () -> new ReLU().negativeSlope(0.2).threshold(0.5)),
        Arguments.of("slope and max 1.5", (Supplier<ReLU>) () -> new ReLU(1.5).negativeSlope(0.2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void passesTheLayerTestKit(String description, Supplier<ReLU> factory) {
    ReLU t = factory.get();
    LayerTestKit.of(factory, 2, 6)
        .minInputMagnitude(0.05)
        .reference((x, shape, w) -> {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = reference(t, x[i]);
          }
          return out;
        })
        .run();
  }

  /** The inputs on and around every kink; values equal to the threshold give 0, as Keras's {@code x > threshold}. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void matchesKerasAtAndAroundTheKinks(String description, Supplier<ReLU> factory) {
    float[] x = {-8f, -6f, -1f, -0.25f, 0f, 0.25f, 0.5f, 0.75f, 1.5f, 2f, 5.9f, 6f, 6.5f, 100f};
    try (var scope = KerasContext.isolated()) {
      ReLU layer = factory.get();
      layer.ensureBuilt(Shapes.batchOf(x.length));
      float[] y = LayerTestKit.forward(layer, x, new long[] {1, x.length}, false, 1).values();
      for (int i = 0; i < x.length; i++) {
        assertThat((double) y[i]).as("%s at x=%s", description, x[i]).isEqualTo(reference(layer, x[i]),
            org.assertj.core.api.Assertions.within(1e-6));
      }
    }
  }

  @Test
  void writesKerasConfigKeys() {
    try (var scope = KerasContext.isolated()) {
      ReLU relu = new ReLU(6.0).name("conv1_relu");
      assertThat(relu.getConfig()).containsEntry("name", "conv1_relu").containsEntry("max_value", 6.0)
          .containsEntry("negative_slope", 0.0).containsEntry("threshold", 0.0);
      assertThat(new ReLU().getConfig()).containsEntry("name", "re_lu").containsEntry("max_value", null);
    }
  }

  @Test
  void keepsTheShapeOfAnyInput() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new ReLU().computeOutputShape(Shapes.batchOf(5, 5, 3)).asArray()).containsExactly(-1, 5, 5, 3);
    }
  }

  @Test
  void rejectsNegativeMaxValueAndSlope() {
    assertThatThrownBy(() -> new ReLU(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReLU: maxValue must be >= 0, but got maxValue=-1.0.");
    assertThatThrownBy(() -> new ReLU().negativeSlope(-0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ReLU: negativeSlope must be >= 0, but got negativeSlope=-0.1.");
  }
}
