package io.github.keras4j.layers;

import static io.github.keras4j.layers.LayerTestKit.trainable;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.initializers.Initializers;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Checks the kit itself: a custom layer written against the public Layer API passes it, and layers with a wrong
 * output shape, a wrong gradient or a wrong forward value are caught.
 */
class LayerTestKitTest {

  /** A custom layer, as the Layer Javadoc shows: multiplies each feature by a trainable factor. */
  static final class Scale extends Layer {
    private Weight factor;

    @Override
    protected void build(BuildContext ctx, Shape inputShape) {
      factor = ctx.addWeight("factor", Shape.of(inputShape.size(-1)), Initializers.ones(), true);
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      return tf.math.mul(x, ctx.read(factor));
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      return inputShape;
    }
  }

  /** Claims one more output feature than it produces. */
  static final class WrongShape extends Layer {
    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      return tf.identity(x);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      long[] dims = inputShape.asArray();
      dims[dims.length - 1]++;
      return Shape.of(dims);
    }
  }

  /** Computes {@code x + x²} but hides the square from backprop, so TF's gradient is wrong. */
  static final class HiddenSquare extends Layer {
    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      return tf.math.add(x, tf.stopGradient(tf.math.mul(x, x)));
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      return inputShape;
    }
  }

  @Test
  void passesACustomLayerWrittenAgainstThePublicApi() {
    LayerTestKit kit = LayerTestKit.of(Scale::new, 3)
        .expectWeights(trainable("factor", 3))
        .reference((x, shape, weights) -> {
          double[] out = new double[x.length];
          for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * weights.get(0)[i % 3];
          }
          return out;
        });
    kit.checkBuild();
    kit.checkOutputShape();
    kit.checkForward();
    kit.checkGradients();
    kit.checkTrainingStep();
  }

  @Test
  void catchesAWrongOutputShape() {
    assertThatThrownBy(() -> LayerTestKit.of(WrongShape::new, 3).checkOutputShape())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("shape");
  }

  @Test
  void catchesAWrongGradient() {
    assertThatThrownBy(() -> LayerTestKit.of(HiddenSquare::new, 3).checkGradients())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("central differences");
  }

  @Test
  void catchesAWrongForwardValue() {
    assertThatThrownBy(() -> LayerTestKit.of(() -> new Dense(2), 3)
            .reference((x, shape, weights) -> new double[shape.length == 2 ? (int) shape[0] * 2 : 0])
            .checkForward())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("reference");
  }

  @Test
  void catchesUnexpectedWeights() {
    assertThatThrownBy(() -> LayerTestKit.of(() -> new Dense(2), 3).expectWeights(trainable("kernel", 3, 2))
            .checkBuild())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("weight names");
  }
}
