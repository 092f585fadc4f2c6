package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.optimizers.SGD;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The element-wise merge layers Add, Multiply, Average, Maximum and Minimum, checked as the layer test kit checks one-input layers:
 * shape inference vs TensorFlow, config round trip, forward values, gradients and a training step (in a functional
 * model, as they take several inputs).
 */
class MergeTest {

  static Stream<Arguments> layers() {
    return Stream.of(
        Arguments.of("Add", (Supplier<Merge>) Add::new, (DoubleBinaryOperator) Double::sum, false),
        Arguments.of("Multiply", (Supplier<Merge>) Multiply::new, (DoubleBinaryOperator) (a, b) -> a * b, false),
        Arguments.of("Average", (Supplier<Merge>) Average::new, (DoubleBinaryOperator) Double::sum, true),
        Arguments.of("Maximum", (Supplier<Merge>) Maximum::new, (DoubleBinaryOperator) Math::max, false),
        Arguments.of("Minimum", (Supplier<Merge>) Minimum::new, (DoubleBinaryOperator) Math::min, false));
  }

  /** Runs a (built) layer on several inputs with unknown batch; returns static shape, runtime shape and values. */
  static LayerTestKit.Output forward(Layer layer, List<float[]> xs, List<long[]> shapes) {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> ins = new ArrayList<>();
      List<Tensor> fed = new ArrayList<>();
      try {
        Session.Runner runner = session.runner();
        for (int i = 0; i < xs.size(); i++) {
          long[] ps = shapes.get(i).clone();
          ps[0] = -1;
          Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(ps)));
          ins.add(p);
          Tensor t = LayerTestKit.tensor(shapes.get(i), xs.get(i));
          fed.add(t);
          runner.feed(p, t);
        }
        Map<Weight, Operand<TFloat32>> reads = new IdentityHashMap<>();
        Operand<TFloat32> out = layer.call(tf, ins, new LayerTestKit.KitCallContext(reads, false, 1));
        try (Result r = runner.fetch(tf.identity(out)).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          return new LayerTestKit.Output(out.shape().asArray(), t.shape().asArray(), LayerTestKit.floats(t));
        }
      } finally {
        fed.forEach(Tensor::close);
      }
    }
  }

  static float[] normal(int n, long seed) {
    Random random = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void infersTheShapeTensorFlowComputes(String name, Supplier<Merge> factory, DoubleBinaryOperator op, boolean mean) {
    for (int n : new int[] {2, 3}) {
      try (var scope = KerasContext.isolated()) {
        Merge layer = factory.get();
        List<Shape> shapes = new ArrayList<>();
        List<float[]> xs = new ArrayList<>();
        List<long[]> concrete = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          shapes.add(Shapes.batchOf(2, 3));
          xs.add(normal(12, 10 + i));
          concrete.add(new long[] {2, 2, 3});
        }
        Shape expected = layer.ensureBuilt(shapes);
        assertThat(expected.asArray()).containsExactly(-1, 2, 3);
        LayerTestKit.Output out = forward(layer, xs, concrete);
        assertThat(out.staticShape()).isEqualTo(expected.asArray());
        assertThat(out.shape()).containsExactly(2, 2, 3);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void computesTheElementWiseReference(String name, Supplier<Merge> factory, DoubleBinaryOperator op, boolean mean) {
    for (int n : new int[] {2, 3}) {
      try (var scope = KerasContext.isolated()) {
        Merge layer = factory.get();
        List<float[]> xs = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          xs.add(normal(10, 20 + i));
          shapes.add(new long[] {2, 5});
        }
        layer.ensureBuilt(shapes.stream().map(s -> Shapes.batchOf(5)).toList());
        float[] y = forward(layer, xs, shapes).values();
        for (int j = 0; j < 10; j++) {
          double expected = xs.get(0)[j];
          for (int i = 1; i < n; i++) {
            expected = op.applyAsDouble(expected, xs.get(i)[j]);
          }
          if (mean) {
            expected /= n;
          }
          assertThat((double) y[j]).as("%s of %d inputs, value %d", name, n, j).isCloseTo(expected, within(1e-5));
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void matchesFiniteDifferences(String name, Supplier<Merge> factory, DoubleBinaryOperator op, boolean mean) {
    try (var scope = KerasContext.isolated()) {
      Merge layer = factory.get();
      layer.ensureBuilt(List.of(Shapes.batchOf(2, 2), Shapes.batchOf(2, 2), Shapes.batchOf(2, 2)));
      long[] shape = {2, 2, 2};
      GradientCheck.check(layer, List.of(normal(8, 1), normal(8, 2), normal(8, 3)), List.of(shape, shape, shape),
          List.of(), false, 4, 8);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void roundTripsItsConfig(String name, Supplier<Merge> factory, DoubleBinaryOperator op, boolean mean) {
    try (var scope = KerasContext.isolated()) {
      Merge layer = factory.get();
      layer.ensureBuilt(List.of(Shapes.batchOf(3), Shapes.batchOf(3)));
      Map<String, Object> config = layer.getConfig();
      assertThat(config.get("name")).isEqualTo(KerasContext.toSnakeCase(name));
      Layer copy = LayerRegistry.fromConfig(name, config);
      assertThat(copy).isExactlyInstanceOf(layer.getClass());
      assertThat(copy.getConfig()).isEqualTo(config);
      copy.ensureBuilt(List.of(Shapes.batchOf(3), Shapes.batchOf(3)));
      List<float[]> xs = List.of(normal(6, 1), normal(6, 2));
      List<long[]> shapes = List.of(new long[] {2, 3}, new long[] {2, 3});
      assertThat(forward(copy, xs, shapes).values()).containsExactly(forward(layer, xs, shapes).values());
    }
  }

  /** One SGD step through {@code Dense → merge ← Dense}: both branches learn, so the gradient reaches each input. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void trainsBothBranchesInAFunctionalModel(String name, Supplier<Merge> factory, DoubleBinaryOperator op, boolean mean) {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(3);
      KerasTensor in = Input.shape(4);
      Dense left = new Dense(3);
      Dense right = new Dense(3);
      KerasTensor merged = factory.get().apply(left.apply(in), right.apply(in));
      Model model = new Model(in, new Dense(2).apply(merged));
      try (model) {
        model.compile(new SGD(0.1), "mse");
        float[] l0 = left.kernel().read();
        float[] r0 = right.kernel().read();
        float[][] x = {normal(4, 1), normal(4, 2), normal(4, 3)};
        float[][] y = {normal(2, 4), normal(2, 5), normal(2, 6)};
        model.fit(x, y, new FitOptions().batchSize(3).epochs(1).verbose(0).shuffle(false));
        assertThat(model.optimizer().iterationCount()).isEqualTo(1);
        assertThat(left.kernel().read()).isNotEqualTo(l0);
        assertThat(right.kernel().read()).isNotEqualTo(r0);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void rejectsInputsOfDifferentShapesNamingLayerAndShapes(
      String name, Supplier<Merge> factory, DoubleBinaryOperator op, boolean mean) {
    try (var scope = KerasContext.isolated()) {
      Merge layer = factory.get();
      String layerName = layer.name();
      assertThatThrownBy(() -> layer.apply(Input.shape(4), Input.shape(3)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining(layerName)
          .hasMessageContaining("(None, 4)")
          .hasMessageContaining("(None, 3)")
          .satisfies(e -> assertThat(((IncompatibleShapeException) e).layerName()).isEqualTo(layerName));
      assertThatThrownBy(() -> layer.apply(Input.shape(4, 2), Input.shape(4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("(None, 4, 2)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layers")
  void rejectsASingleInput(String name, Supplier<Merge> factory, DoubleBinaryOperator op, boolean mean) {
    try (var scope = KerasContext.isolated()) {
      Merge layer = factory.get();
      assertThatThrownBy(() -> layer.apply(Input.shape(4)))
          .isInstanceOf(IncompatibleShapeException.class)
          .hasMessageContaining("A merge layer should be called on a list of")
          .hasMessageContaining(layer.name());
    }
  }

  /**
   * Keras's {@code _Merge} broadcasts dimensions of size 1 (the squeeze-and-excitation gate of EfficientNet and
   * MobileNetV3: {@code Multiply()([features, gate])} with shapes {@code (None, 4, 4, 8)} and {@code (None, 1, 1, 8)}).
   */
  @Test
  void broadcastsSizeOneDimensionsAsKeras() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor features = Input.shape(4, 4, 8);
      KerasTensor gate = Input.shape(1, 1, 8);
      KerasTensor out = new Multiply().apply(features, gate);
      assertThat(out.shape().asArray()).containsExactly(-1, 4, 4, 8);
    }
  }

  @Test
  void acceptsAnUnknownDimensionAgainstAKnownOne() {
    try (var scope = KerasContext.isolated()) {
      Shape out = new Add().computeOutputShape(List.of(Shapes.batchOf(-1, 3), Shapes.batchOf(5, 3)));
      assertThat(out.asArray()).containsExactly(-1, 5, 3);
    }
  }
}
