package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Initializers;
import io.github.keras4j.models.Sequential;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The rules every layer follows: configure, then build once; unique names; weights with checked shapes. */
class LayerContractTest {

  static Stream<Arguments> settings() {
    return Stream.of(
        Arguments.of("activation", (Consumer<Dense>) d -> d.activation("relu")),
        Arguments.of("useBias", (Consumer<Dense>) d -> d.useBias(false)),
        Arguments.of("kernelInitializer", (Consumer<Dense>) d -> d.kernelInitializer("he_normal")),
        Arguments.of("biasInitializer", (Consumer<Dense>) d -> d.biasInitializer(Initializers.ones())),
        Arguments.of("name", (Consumer<Dense>) d -> d.name("other")),
        Arguments.of("inputShape", (Consumer<Dense>) d -> d.inputShape(5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void rejectsConfiguringADenseLayerAfterItIsBuilt(String setting, Consumer<Dense> change) {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(3);
      dense.ensureBuilt(Shapes.batchOf(4));
      assertThatThrownBy(() -> change.accept(dense))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Dense 'dense': cannot change " + setting + " after the layer is built");
    }
  }

  @Test
  void rejectsSeedingADropoutLayerAfterItIsBuilt() {
    try (var scope = KerasContext.isolated()) {
      Dropout dropout = new Dropout(0.5);
      dropout.ensureBuilt(Shapes.batchOf(4));
      assertThatThrownBy(() -> dropout.seed(3))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("Dropout 'dropout': cannot change seed after the layer is built");
    }
  }

  @Test
  void buildsALayerWhenItJoinsAModelWithAKnownInputShape() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(3);
      assertThat(dense.isBuilt()).isFalse();
      try (Sequential model = new Sequential(new InputLayer(4), dense)) {
        assertThat(dense.isBuilt()).isTrue();
        assertThat(dense.builtInputShape().asArray()).containsExactly(-1, 4);
        assertThatThrownBy(() -> dense.activation("relu")).isInstanceOf(IllegalStateException.class);
      }
    }
  }

  @Test
  void letsTrainableChangeAfterBuild() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(3);
      dense.ensureBuilt(Shapes.batchOf(4));
      dense.trainable(false);
      assertThat(dense.trainable()).isFalse();
      assertThat(dense.trainableWeights()).isEmpty();
      assertThat(dense.nonTrainableWeights()).extracting(Weight::name).containsExactly("kernel", "bias");
      assertThat(dense.weights()).extracting(Weight::name).containsExactly("kernel", "bias");
      dense.trainable(true);
      assertThat(dense.trainableWeights()).extracting(Weight::name).containsExactly("kernel", "bias");
      assertThat(dense.nonTrainableWeights()).isEmpty();
    }
  }

  @Test
  void namesLayersUniquelyPerKerasSession() {
    try (var scope = KerasContext.isolated()) {
      assertThat(new Dense(1).name()).isEqualTo("dense");
      assertThat(new Dense(1).name()).isEqualTo("dense_1");
      assertThat(new Dropout(0.1).name()).isEqualTo("dropout");
      assertThat(new Dense(1).name()).isEqualTo("dense_2");
    }
  }

  @Test
  void restartsNamesInAFreshIsolatedContextAndRestoresTheOuterOne() {
    try (var outer = KerasContext.isolated()) {
      assertThat(new Dense(1).name()).isEqualTo("dense");
      try (var inner = KerasContext.isolated()) {
        assertThat(new Dense(1).name()).isEqualTo("dense");
      }
      assertThat(new Dense(1).name()).isEqualTo("dense_1");
    }
  }

  @Test
  void keepsAnExplicitNameWithoutUsingUpAGeneratedOne() {
    try (var scope = KerasContext.isolated()) {
      Dense named = new Dense(1).name("hidden");
      assertThat(named.name()).isEqualTo("hidden");
      assertThat(new Dense(1).name()).isEqualTo("dense");
    }
  }

  @Test
  void namesWeightsAfterTheirLayer() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2).name("hidden");
      dense.ensureBuilt(Shapes.batchOf(3));
      assertThat(dense.weights()).extracting(Weight::path).containsExactly("hidden/kernel", "hidden/bias");
    }
  }

  @Test
  void rejectsEmptyNamesAndNamesWithASlash() {
    assertThatThrownBy(() -> new Dense(1).name(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dense: name must be non-empty and must not contain '/', but got name=''.");
    assertThatThrownBy(() -> new Dense(1).name("a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name='a/b'");
  }

  @Test
  void rejectsDuplicateLayerNamesInASequential() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(2).name("same").inputShape(3))) {
      assertThatThrownBy(() -> model.add(new Dense(2).name("same")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unique names")
          .hasMessageContaining("\"same\"");
      assertThat(model.layers()).hasSize(1);
    }
  }

  @Test
  void rejectsAddingTheSameLayerTwice() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(3).inputShape(3);
      try (Sequential model = new Sequential(dense)) {
        assertThatThrownBy(() -> model.add(dense))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("\"dense\"");
      }
    }
  }

  @Test
  void rejectsAnUnknownActivationNameAndListsTheValidOnes() {
    assertThatThrownBy(() -> new Dense(2).activation("softmaxx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Unknown activation function: 'softmaxx'. Valid names: "
            + "[linear, relu, relu6, softmax, log_softmax, sigmoid, tanh, elu, selu, softplus,")
        .hasMessageContaining("ActivationProvider");
  }

  @Test
  void rejectsNonPositiveInputShapes() {
    assertThatThrownBy(() -> new Dense(2).inputShape(4, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Dense: every inputShape dimension must be positive (or -1 for unknown, Keras's None), but got"
            + " inputShape=[4, 0].");
    assertThatThrownBy(() -> new Dense(2).inputShape(-2, 4))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inputShape=[-2, 4]");
    // -1 is Keras's None (sequences of any length), written back as null.
    try (var scope = io.github.keras4j.KerasContext.isolated()) {
      assertThat(new Embedding(5, 2).inputShape(-1).getConfig().get("batch_input_shape"))
          .isEqualTo(java.util.Arrays.asList(null, null));
    }
  }

  @Test
  void setWeightsChecksTheCountOfArrays() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2);
      dense.ensureBuilt(Shapes.batchOf(3));
      assertThatThrownBy(() -> dense.setWeights(List.of(NdArrays.ofFloats(Shape.of(3, 2)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Layer 'dense' has 2 weights, but setWeights got 1 arrays.");
    }
  }

  @Test
  void setWeightsChecksEveryShapeAndNamesTheWeight() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2);
      dense.ensureBuilt(Shapes.batchOf(3));
      assertThatThrownBy(() -> dense.setWeights(
              List.of(NdArrays.ofFloats(Shape.of(2, 3)), NdArrays.ofFloats(Shape.of(2)))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Weight 'dense/kernel' has shape [3, 2], but got an array of shape [2, 3].");
    }
  }

  @Test
  void setWeightsAndGetWeightsRoundTripAsCopies() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2);
      dense.ensureBuilt(Shapes.batchOf(1));
      var kernel = NdArrays.wrap(Shape.of(1, 2), DataBuffers.of(new float[] {1f, 2f}, false, false));
      var bias = NdArrays.vectorOf(3f, 4f);
      dense.setWeights(List.of(kernel, bias));
      var read = dense.getWeights();
      assertThat(read.get(0).getFloat(0, 1)).isEqualTo(2f);
      assertThat(read.get(1).getFloat(0)).isEqualTo(3f);
      kernel.setFloat(99f, 0, 0);
      assertThat(dense.bias().read()).containsExactly(3f, 4f);
      assertThat(dense.kernel().read()).containsExactly(1f, 2f);
    }
  }

  @Test
  void weightAssignChecksTheNumberOfValues() {
    Weight w = new Weight("dense", "kernel", new long[] {2, 3}, Initializers.zeros(), 0, true);
    assertThatThrownBy(() -> w.assign(new float[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Weight 'dense/kernel' has shape [2, 3] (6 values), but got 5 values.");
  }

  @Test
  void weightRejectsUnknownDimensions() {
    assertThatThrownBy(() -> new Weight("dense", "kernel", new long[] {-1, 3}, Initializers.zeros(), 0, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'dense/kernel'")
        .hasMessageContaining("[-1, 3]");
  }

  @Test
  void weightReadReturnsACopy() {
    Weight w = new Weight("d", "bias", new long[] {2}, Initializers.ones(), 0, true);
    float[] value = w.read();
    value[0] = 5f;
    assertThat(w.read()).containsExactly(1f, 1f);
    assertThat(w.shape()).containsExactly(2);
  }

  /** Creates two weights with the same name. */
  static final class TwoKernels extends Layer {
    @Override
    protected void build(BuildContext ctx, Shape inputShape) {
      ctx.addWeight("kernel", Shape.of(1), Initializers.zeros(), true);
      ctx.addWeight("kernel", Shape.of(1), Initializers.zeros(), true);
    }

    @Override
    public Operand<TFloat32> call(Ops tf, Operand<TFloat32> x, CallContext ctx) {
      return x;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
      return inputShape;
    }
  }

  @Test
  void rejectsTwoWeightsWithTheSameName() {
    try (var scope = KerasContext.isolated()) {
      TwoKernels layer = new TwoKernels();
      assertThatThrownBy(() -> layer.ensureBuilt(Shapes.batchOf(1)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("Layer 'two_kernels' already has a weight named 'kernel'.");
      assertThat(layer.isBuilt()).isFalse();
    }
  }

  @Test
  void returnsUnmodifiableWeightLists() {
    try (var scope = KerasContext.isolated()) {
      Dense dense = new Dense(2);
      dense.ensureBuilt(Shapes.batchOf(1));
      assertThatThrownBy(() -> dense.weights().clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThatThrownBy(() -> dense.trainableWeights().clear())
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  @Test
  void rejectsAnUnknownLayerClassAndListsTheKnownOnes() {
    assertThatThrownBy(() -> LayerRegistry.fromConfig("Dens", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown layer: 'Dens'")
        .hasMessageContaining("Known layers: [")
        .hasMessageContaining("Dense")
        .hasMessageContaining("InputLayer");
    assertThat(LayerRegistry.classNames()).contains("Activation", "Dense", "Dropout", "InputLayer");
  }

  /** The Javadoc promises a sorted list; the error message lists the same names. */
  @Test
  void listsTheKnownLayerClassesSorted() {
    assertThat(LayerRegistry.classNames()).isSorted();
    assertThatThrownBy(() -> LayerRegistry.fromConfig("Dens", Map.of()))
        .hasMessageContaining("Known layers: " + LayerRegistry.classNames() + ".");
  }

  @Test
  void derivesDefaultNamesFromTheClassNameInSnakeCase() {
    assertThat(KerasContext.toSnakeCase("MaxPooling2D")).isEqualTo("max_pooling2d");
    assertThat(KerasContext.toSnakeCase("BatchNormalization")).isEqualTo("batch_normalization");
    assertThat(KerasContext.toSnakeCase("Dense")).isEqualTo("dense");
    assertThat(KerasContext.toSnakeCase("ReLU")).isEqualTo("re_lu");
    assertThat(KerasContext.toSnakeCase("Conv2D")).isEqualTo("conv2d");
  }
}
