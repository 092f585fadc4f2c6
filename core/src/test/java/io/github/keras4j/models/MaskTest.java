package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/** The mask API (MASK-API.md) in the one forward path: made, passed through, stopped and consumed. */
class MaskTest {

  /** Masks the time steps whose features are all zero, as Keras's {@code Masking(0.0)}; output = input. */
  static final class ZeroMask extends Layer {
    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      return x;
    }

    @Override
    public Operand<TBool> computeMask(Ops tf, List<Operand<TFloat32>> inputs, List<Operand<TBool>> masks) {
      Operand<TFloat32> x = inputs.get(0);
      return tf.math.notEqual(tf.reduceMax(tf.math.abs(x), tf.constant(-1)), tf.constant(0f));
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      return inputShape;
    }
  }

  /** Doubles its input; passes the mask through when {@code passes}. */
  static final class Twice extends Layer {
    private final boolean passes;

    Twice(boolean passes) {
      this.passes = passes;
    }

    @Override
    public boolean supportsMasking() {
      return passes;
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      return tf.math.mul(x, tf.constant(2f));
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      return inputShape;
    }
  }

  /**
   * Consumes the mask: {@code [sum of the unmasked steps' first feature, number of unmasked steps]}; without a
   * mask every step counts.
   */
  static final class MaskedSum extends Layer {
    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      Operand<TFloat32> first = tf.squeeze(
          tf.slice(x, tf.constant(new int[] {0, 0, 0}), tf.constant(new int[] {-1, -1, 1})),
          org.tensorflow.op.core.Squeeze.axis(List.of(2L)));
      Operand<TBool> mask = ctx.inputMask();
      Operand<TFloat32> weights = mask == null
          ? tf.onesLike(first)
          : tf.dtypes.cast(mask, TFloat32.class);
      Operand<TFloat32> sum = tf.sum(tf.math.mul(first, weights), tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true));
      Operand<TFloat32> count = tf.sum(weights, tf.constant(1), org.tensorflow.op.core.Sum.keepDims(true));
      return tf.concat(List.of(sum, count), tf.constant(1));
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      return Shape.of(inputShape.size(0), 2);
    }
  }

  /** Two samples of 4 steps × 2 features; sample 0 has steps 1 and 3 all zero, sample 1 only step 2. */
  private static final float[][] X = {
    {1, 5, 0, 0, 3, 1, 0, 0},
    {2, 1, 4, 1, 0, 0, 6, 2},
  };

  private static org.tensorflow.ndarray.FloatNdArray x() {
    org.tensorflow.ndarray.FloatNdArray a = org.tensorflow.ndarray.NdArrays.ofFloats(Shape.of(2, 4, 2));
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 8; j++) {
        a.setFloat(X[i][j], i, j / 2, j % 2);
      }
    }
    return a;
  }

  @Test
  void aMaskMadeByOneLayerReachesTheConsumerThroughLayersThatSupportMasking() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4, 2);
      KerasTensor out = new MaskedSum().apply(new Twice(true).apply(new ZeroMask().apply(in)));
      try (Model model = new Model(in, out)) {
        float[][] p = model.predict(x());
        // Sample 0: unmasked steps 0 and 2 → 2*(1+3) = 8, 2 steps; sample 1: steps 0,1,3 → 2*(2+4+6) = 24, 3.
        assertThat(p[0]).containsExactly(8f, 2f);
        assertThat(p[1]).containsExactly(24f, 3f);
      }
    }
  }

  @Test
  void aLayerThatDoesNotSupportMaskingStopsTheMask() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4, 2);
      KerasTensor out = new MaskedSum().apply(new Twice(false).apply(new ZeroMask().apply(in)));
      try (Model model = new Model(in, out)) {
        float[][] p = model.predict(x());
        assertThat(p[0]).containsExactly(8f, 4f);
        assertThat(p[1]).containsExactly(24f, 4f);
      }
    }
  }

  @Test
  void aModelsInputsCarryNoMask() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4, 2);
      try (Model model = new Model(in, new MaskedSum().apply(in))) {
        assertThat(model.predict(x())[0]).containsExactly(4f, 4f);
      }
    }
  }

  @Test
  void sequentialRunsTheSameForwardPathWithMasks() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new InputLayer(4, 2), new ZeroMask(), new Twice(true), new MaskedSum())) {
      float[][] p = model.predict(x());
      assertThat(p[0]).containsExactly(8f, 2f);
      assertThat(p[1]).containsExactly(24f, 3f);
    }
  }

  @Test
  void theDefaultComputeMaskPassesTheFirstMaskOnlyWhenSupported() {
    Layer plain = new Twice(false);
    Layer passing = new Twice(true);
    assertThat(plain.supportsMasking()).isFalse();
    try (org.tensorflow.Graph g = new org.tensorflow.Graph()) {
      Ops tf = Ops.create(g);
      Operand<TBool> mask = tf.constant(new boolean[] {true, false});
      Operand<TFloat32> x = tf.constant(new float[] {1, 2});
      assertThat(passing.computeMask(tf, List.of(x), List.of(mask))).isSameAs(mask);
      assertThat(plain.computeMask(tf, List.of(x), List.of(mask))).isNull();
      assertThat(passing.computeMask(tf, List.of(x), java.util.Arrays.asList((Operand<TBool>) null))).isNull();
    }
  }
}
