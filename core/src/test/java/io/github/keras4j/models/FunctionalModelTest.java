package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.BuildContext;
import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.optimizers.SGD;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The functional API: Input, layer.apply, Model(inputs, outputs), layer order, training and graph checks. */
class FunctionalModelTest {

  private static List<String> names(List<Layer> layers) {
    return layers.stream().map(Layer::name).toList();
  }

  @Test
  void listsLayersInputsFirstThenByDepthWithTiesInDiscoveryOrder() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      Dense a = new Dense(3).name("a");
      Dense b = new Dense(3).name("b");
      KerasTensor ya = a.apply(in);
      KerasTensor yb = b.apply(in);
      // Add takes b first: Keras's depth-first walk from the output meets b before a, so b is listed first.
      KerasTensor sum = new Add().name("sum").apply(yb, ya);
      Model model = new Model(in, new Dense(2).name("out").apply(sum));
      assertThat(names(model.layers())).containsExactly("input_1", "b", "a", "sum", "out");
      assertThat(model.layers().get(0)).isInstanceOf(InputLayer.class).isSameAs(in.layer());
      assertThat(model.getLayer(-1).name()).isEqualTo("out");
      assertThat(model.getLayer("a")).isSameAs(a);
    }
  }

  @Test
  void listsALongBranchBeforeAShortcutAtTheSameDepth() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor x = new Dense(4).name("x1").apply(in);
      x = new Dense(4).name("x2").apply(x);
      x = new Dense(4).name("x3").apply(x);
      KerasTensor shortcut = new Dense(4).name("shortcut").apply(in);
      Model model = new Model(in, new Add().name("add").apply(x, shortcut));
      // Depths from the output: add 0, x3 and shortcut 1, x2 2, x1 3, input 4.
      assertThat(names(model.layers())).containsExactly("input_1", "x1", "x2", "x3", "shortcut", "add");
      assertThatThrownBy(() -> model.layers().add(new Dense(1))).isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void listsAResidualBlockInExecutionOrder() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor d1 = new Dense(4).apply(in);
      KerasTensor d2 = new Dense(4).apply(d1);
      Model model = new Model(in, new Dense(2).apply(new Add().apply(d1, d2)));
      assertThat(names(model.layers())).containsExactly("input_1", "dense", "dense_1", "add", "dense_2");
      assertThat(model.input()).isSameAs(in);
      assertThat(model.inputShape().asArray()).containsExactly(-1, 4);
      assertThat(model.outputShape().asArray()).containsExactly(-1, 2);
      assertThat(model.name()).isEqualTo("model");
    }
  }

  /** {@code Input(3, 4) → Dense(4, relu) → Add([input, ·]) → Flatten → Dense(2, softmax)}, in plain Java. */
  private static double[][] manualForward(float[] x, int n, Dense hidden, Dense head) {
    float[] hk = hidden.kernel().read();
    float[] hb = hidden.bias().read();
    float[] ok = head.kernel().read();
    float[] ob = head.bias().read();
    double[][] out = new double[n][2];
    for (int s = 0; s < n; s++) {
      double[] flat = new double[12];
      for (int r = 0; r < 3; r++) {
        for (int u = 0; u < 4; u++) {
          double z = hb[u];
          for (int k = 0; k < 4; k++) {
            z += (double) x[(s * 3 + r) * 4 + k] * hk[k * 4 + u];
          }
          flat[r * 4 + u] = x[(s * 3 + r) * 4 + u] + Math.max(0, z);
        }
      }
      for (int c = 0; c < 2; c++) {
        double z = ob[c];
        for (int k = 0; k < 12; k++) {
          z += flat[k] * ok[k * 2 + c];
        }
        out[s][c] = z;
      }
    }
    return TestData.softmax(out);
  }

  @Test
  void trainsAResidualModelOnNdArraysAndPredictsAsAManualForwardPass() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(21);
      KerasTensor in = Input.shape(3, 4);
      Dense hidden = new Dense(4).activation("relu");
      Dense head = new Dense(2).activation("softmax");
      KerasTensor residual = new Add().apply(in, hidden.apply(in));
      try (Model model = new Model(in, head.apply(new Flatten().apply(residual)))) {
        int n = 32;
        Random random = new Random(5);
        float[] values = new float[n * 12];
        float[][] y = new float[n][2];
        for (int s = 0; s < n; s++) {
          double sum = 0;
          for (int j = 0; j < 12; j++) {
            values[s * 12 + j] = (float) random.nextGaussian();
            sum += values[s * 12 + j] * (j % 2 == 0 ? 1 : -0.5);
          }
          y[s][sum > 0 ? 1 : 0] = 1;
        }
        FloatNdArray x = NdArrays.wrap(Shape.of(n, 3, 4), DataBuffers.of(values, true, false));

        float[][] predicted = model.predict(x);
        double[][] manual = manualForward(values, n, hidden, head);
        for (int s = 0; s < n; s++) {
          for (int c = 0; c < 2; c++) {
            assertThat((double) predicted[s][c]).as("sample %d class %d", s, c).isCloseTo(manual[s][c], within(1e-5));
          }
        }

        model.compile(new SGD(0.1), "categorical_crossentropy", "accuracy");
        History history = model.fit(x, y, new FitOptions().batchSize(8).epochs(15).verbose(0).seed(3));
        List<Double> loss = history.get("loss");
        assertThat(loss).hasSize(15);
        assertThat(loss.get(14)).isLessThan(loss.get(0));
        assertThat(history.get("accuracy").get(14)).isGreaterThan(0.7);

        predicted = model.predict(x);
        manual = manualForward(values, n, hidden, head);
        for (int s = 0; s < n; s++) {
          for (int c = 0; c < 2; c++) {
            assertThat((double) predicted[s][c]).as("after fit: sample %d class %d", s, c)
                .isCloseTo(manual[s][c], within(1e-5));
          }
        }
      }
    }
  }

  @Test
  void sharesWeightsBetweenModelsThatShareALayer() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(8);
      Dense shared = new Dense(3).activation("tanh");
      KerasTensor inA = Input.shape(4);
      KerasTensor inB = Input.shape(4);
      Dense headB = new Dense(1);
      try (Model a = new Model(inA, new Dense(2).apply(shared.apply(inA)));
          Model b = new Model(inB, headB.apply(shared.apply(inB)))) {
        assertThat(a.weights()).contains(shared.kernel(), shared.bias());
        assertThat(b.weights()).contains(shared.kernel(), shared.bias());
        assertThat(shared.inboundNodes()).hasSize(2);
        float[][] x = TestData.normal(6, 4, 1);
        float[][] before = b.predict(x);

        a.compile(new SGD(0.5), "mse");
        a.fit(x, TestData.normal(6, 2, 2), new FitOptions().batchSize(6).epochs(2).verbose(0));

        float[][] after = b.predict(x);
        assertThat(after[0]).isNotEqualTo(before[0]);
        double[][] manual = TestData.affine(
            toFloat(tanh(TestData.affine(x, shared.kernel().read(), shared.bias().read(), 3))),
            headB.kernel().read(), headB.bias().read(), 1);
        for (int i = 0; i < x.length; i++) {
          assertThat((double) after[i][0]).isCloseTo(manual[i][0], within(1e-5));
        }
      }
    }
  }

  @Test
  void refusesLayerOutputForALayerCalledTwiceWithKerasMessage() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2);
      KerasTensor first = dense.apply(Input.shape(3));
      KerasTensor second = dense.apply(Input.shape(3));
      assertThatThrownBy(dense::output)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("Layer 'dense' has multiple inbound nodes, hence the notion of \"layer output\" is"
              + " ill-defined.");
      assertThatThrownBy(dense::input)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("has multiple inbound nodes, hence the notion of \"layer input\" is ill-defined.");
      assertThat(dense.outputAt(0)).isSameAs(first);
      assertThat(dense.outputAt(1)).isSameAs(second);
      assertThat(second.node().index()).isEqualTo(1);
      assertThatThrownBy(() -> dense.outputAt(2)).isInstanceOf(IndexOutOfBoundsException.class);
      assertThatThrownBy(() -> new Dense(2).output())
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("Layer 'dense_1' has never been called and thus has no defined output.");
    }
  }

  @Test
  void rejectsAGraphDisconnectedFromItsInputNamingTheLayerThatNeedsTheMissingTensor() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in1 = Input.shape(4);
      KerasTensor in2 = Input.shape(4);
      // Name both inputs in creation order here (see namesInputLayersWhenTheyAreCreated).
      assertThat(in1.layer().name()).isEqualTo("input_1");
      assertThat(in2.layer().name()).isEqualTo("input_2");
      KerasTensor a = new Dense(3).apply(in1);
      KerasTensor b = new Dense(3).apply(in2);
      KerasTensor sum = new Add().apply(a, b);
      // Keras: Graph disconnected: cannot obtain value for tensor <input_2> at layer "dense_1". The following
      // previous layers were accessed without issue: ['input_1', 'input_2', 'dense']
      assertThatThrownBy(() -> new Model(in1, sum))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("Graph disconnected: cannot obtain value for tensor")
          .hasMessageContaining("input_2")
          .hasMessageContaining("at layer \"dense_1\"")
          .hasMessageContaining("input_1");
    }
  }

  /** Keras names an input when it is created: {@code Input()} twice gives input_1 and input_2, in that order. */
  @Test
  void namesInputLayersWhenTheyAreCreated() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor first = Input.shape(4);
      KerasTensor second = Input.shape(4);
      try (Model model = new Model(second, new Dense(2).apply(second))) {
        assertThat(names(model.layers())).containsExactly("input_2", "dense");
      }
      assertThat(first.layer().name()).isEqualTo("input_1");
    }
  }

  @Test
  void rejectsAnInputTensorThatDoesNotComeFromInput() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor hidden = new Dense(3).apply(Input.shape(4));
      KerasTensor out = new Dense(2).apply(hidden);
      assertThatThrownBy(() -> new Model(hidden, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must come from Input.shape(...)")
          .hasMessageContaining("dense");
    }
  }

  @Test
  void rejectsDuplicateLayerNames() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor x = new Dense(3).name("twin").apply(in);
      KerasTensor out = new Dense(2).name("twin").apply(x);
      assertThatThrownBy(() -> new Model(in, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("The name \"twin\" is used 2 times")
          .hasMessageContaining("All layer names should be unique.");
    }
  }

  /** Keras counts the uses: {@code all_names.count(name)}. */
  @Test
  void countsEveryUseOfADuplicateName() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor x = new Dense(3).name("triplet").apply(in);
      x = new Dense(3).name("triplet").apply(x);
      KerasTensor out = new Dense(2).name("triplet").apply(x);
      assertThatThrownBy(() -> new Model(in, out))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("The name \"triplet\" is used 3 times");
    }
  }

  @Test
  void recordsNodesForASequentialBuiltFromAnInputShape() {
    try (var scope = KerasContext.isolated()) {
      Dense first = new Dense(3).inputShape(4);
      Dense second = new Dense(2);
      try (Sequential model = new Sequential(first, second)) {
        assertThat(first.output().shape().asArray()).containsExactly(-1, 3);
        assertThat(second.output().shape().asArray()).containsExactly(-1, 2);
        assertThat(second.input()).isSameAs(first.output());
        assertThat(first.input().layer()).isInstanceOf(InputLayer.class);
        assertThat(first.input().layer().name()).isEqualTo("dense_input");
        assertThat(model.output()).isSameAs(second.output());
        assertThat(model.input()).isSameAs(first.input());
        // The Sequential's graph can seed a functional model.
        try (Model tuned = new Model(model.input(), new Dense(5).apply(first.output()))) {
          assertThat(names(tuned.layers())).containsExactly("dense_input", "dense", "dense_2");
          assertThat(tuned.weights()).contains(first.kernel());
        }
      }
    }
  }

  /** Episode 12: {@code for layer in vgg.layers[1:-1]: model.add(layer)} shares the layers and their weights. */
  @Test
  void sharesWeightsWithASequentialBuiltFromItsLayers() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(12);
      KerasTensor in = Input.shape(4);
      KerasTensor x = new Dense(5).activation("relu").name("fc1").apply(in);
      x = new Dense(5).activation("relu").name("fc2").apply(x);
      try (Model base = new Model(in, new Dense(3).activation("softmax").name("predictions").apply(x));
          Sequential model = new Sequential()) {
        List<Layer> layers = base.layers();
        for (Layer layer : layers.subList(1, layers.size() - 1)) {
          model.add(layer);
        }
        model.add(new Dense(2).activation("softmax"));
        assertThat(names(model.layers())).containsExactly("fc1", "fc2", "dense");
        Dense fc1 = (Dense) base.getLayer("fc1");
        assertThat(model.layers().get(0)).isSameAs(fc1);

        float[][] xs = TestData.normal(8, 4, 3);
        int[] ys = TestData.labels(8, 2, 4);
        model.compile(new SGD(0.5), "sparse_categorical_crossentropy");
        float[][] basePredictions = base.predict(xs);
        float[] fc1Before = fc1.kernel().read();
        model.fit(xs, ys, new FitOptions().batchSize(8).epochs(1).verbose(0));
        assertThat(fc1.kernel().read()).isNotEqualTo(fc1Before);
        float[][] after = base.predict(xs);
        Dense fc2 = (Dense) base.getLayer("fc2");
        Dense predictions = (Dense) base.getLayer("predictions");
        double[][] manual = TestData.softmax(TestData.affine(
            toFloat(TestData.relu(TestData.affine(
                toFloat(TestData.relu(TestData.affine(xs, fc1.kernel().read(), fc1.bias().read(), 5))),
                fc2.kernel().read(), fc2.bias().read(), 5))),
            predictions.kernel().read(), predictions.bias().read(), 3));
        for (int i = 0; i < xs.length; i++) {
          for (int c = 0; c < 3; c++) {
            assertThat((double) after[i][c]).as("the base model sees the trained shared weights: sample %d class %d"
                + " (before training: %s)", i, c, basePredictions[i][c]).isCloseTo(manual[i][c], within(1e-5));
          }
        }

        for (Layer layer : model.layers().subList(0, 2)) {
          layer.trainable(false);
        }
        // fc1 and fc2: 2 x (4·5+5 ... ) → fc1 25, fc2 30 frozen; dense 12 trainable.
        assertThat(model.summaryString()).contains("Total params: 67\nTrainable params: 12\nNon-trainable params: 55\n");
        float[] frozen = fc1.kernel().read();
        Dense top = (Dense) model.getLayer(-1);
        float[] topBefore = top.kernel().read();
        model.fit(xs, ys, new FitOptions().batchSize(8).epochs(1).verbose(0));
        assertThat(fc1.kernel().read()).containsExactly(frozen);
        assertThat(top.kernel().read()).isNotEqualTo(topBefore);
        assertThat(model.trainableWeights()).extracting(Weight::ownerName).containsOnly("dense");
      }
    }
  }

  /** The course's variant takes the input layer too: {@code for layer in vgg.layers[:-1]: model.add(layer)}. */
  @Test
  void takesTheInputLayerOfAFunctionalModelIntoASequential() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor x = new Dense(5).name("fc1").apply(in);
      try (Model base = new Model(in, new Dense(3).name("predictions").apply(x));
          Sequential model = new Sequential()) {
        List<Layer> layers = base.layers();
        for (Layer layer : layers.subList(0, layers.size() - 1)) {
          model.add(layer);
        }
        model.add(new Dense(2).name("new_predictions"));
        assertThat(names(model.layers())).containsExactly("fc1", "new_predictions");
        assertThat(model.inputShape().asArray()).containsExactly(-1, 4);
        assertThat(model.outputShape().asArray()).containsExactly(-1, 2);
        assertThat(model.summaryString()).contains("fc1 (Dense)                  (None, 5)                 25");
      }
    }
  }

  /**
   * Keras checks a built layer's input against its InputSpec (Conv2D: ndim 4 and the channel axis), not against
   * the whole shape it was built for: a convolution reused on images of another size works.
   */
  @Test
  void reusesABuiltConvolutionOnImagesOfAnotherSize() {
    try (var scope = KerasContext.isolated()) {
      io.github.keras4j.layers.Conv2D conv = new io.github.keras4j.layers.Conv2D(2, 3);
      KerasTensor small = conv.apply(Input.shape(8, 8, 1));
      assertThat(small.shape().asArray()).containsExactly(-1, 6, 6, 2);
      KerasTensor large = conv.apply(Input.shape(16, 16, 1));
      assertThat(large.shape().asArray()).containsExactly(-1, 14, 14, 2);
      Dense dense = new Dense(3);
      dense.apply(Input.shape(2, 4));
      assertThat(dense.apply(Input.shape(5, 4)).shape().asArray()).containsExactly(-1, 5, 3);
    }
  }

  /** A layer whose trainable weight does not reach its output. */
  private static final class IgnoresItsWeight extends Layer {
    private Weight unused;

    @Override
    protected void build(BuildContext ctx, Shape inputShape) {
      unused = ctx.addWeight("unused", Shape.of(2), io.github.keras4j.initializers.Initializers.ones(), true);
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      ctx.read(unused);
      return x;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      return inputShape;
    }
  }

  /**
   * The program means to reject a trainable weight that does not affect the loss with its own message (Program
   * checks {@code gradients.dy(i) == null}); TF Java throws for an unreachable weight before that check.
   */
  @Test
  void explainsATrainableWeightThatDoesNotAffectTheLoss() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(2);
      try (Model model = new Model(in, new IgnoresItsWeight().apply(new Dense(2).apply(in)))) {
        model.compile(new SGD(0.1), "mse");
        assertThatThrownBy(() -> model.fit(new float[][] {{1, 2}}, new float[][] {{1, 2}},
                new FitOptions().verbose(0)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ignores_its_weight/unused")
            .hasMessageContaining("does not affect the loss");
      }
    }
  }

  private static double[][] tanh(double[][] z) {
    for (double[] row : z) {
      for (int j = 0; j < row.length; j++) {
        row[j] = Math.tanh(row[j]);
      }
    }
    return z;
  }

  private static float[][] toFloat(double[][] values) {
    float[][] out = new float[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new float[values[i].length];
      for (int j = 0; j < values[i].length; j++) {
        out[i][j] = (float) values[i][j];
      }
    }
    return out;
  }
}
