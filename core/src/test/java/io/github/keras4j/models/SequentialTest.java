package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Activation;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.IncompatibleShapeException;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Shapes;
import io.github.keras4j.layers.Weight;
import org.junit.jupiter.api.Test;

class SequentialTest {
  private static final String COURSE_ANN_SUMMARY =
      """
      Model: "sequential"
      _________________________________________________________________
      Layer (type)                 Output Shape              Param #  \s
      =================================================================
      dense (Dense)                (None, 16)                32       \s
      _________________________________________________________________
      dense_1 (Dense)              (None, 32)                544      \s
      _________________________________________________________________
      dense_2 (Dense)              (None, 2)                 66       \s
      =================================================================
      Total params: 642
      Trainable params: 642
      Non-trainable params: 0
      _________________________________________________________________
      """;

  static Sequential courseAnn() {
    return new Sequential(
        new Dense(16).inputShape(1).activation("relu"),
        new Dense(32).activation("relu"),
        new Dense(2).activation("softmax"));
  }

  @Test
  void summarizesTheCourseAnnExactlyAsKeras() {
    try (var scope = KerasContext.isolated(); Sequential model = courseAnn()) {
      String summary = model.summaryString();
      assertThat(summary).isEqualTo(COURSE_ANN_SUMMARY);
      assertThat(summary.lines().filter(l -> l.startsWith("dense")).toList())
          .allSatisfy(line -> assertThat(line).hasSize(65));
    }
  }

  @Test
  void printsTheSummaryToItsOutput() {
    try (var scope = KerasContext.isolated(); Sequential model = courseAnn()) {
      TestData.Capture out = new TestData.Capture();
      model.setOutput(out.stream());
      model.summary();
      assertThat(out.text()).isEqualTo(COURSE_ANN_SUMMARY);
    }
  }

  @Test
  void takesTheInputShapeFromALeadingInputLayerWithoutListingIt() {
    try (var scope = KerasContext.isolated()) {
      InputLayer input = new InputLayer(1);
      try (Sequential model = new Sequential(
          input, new Dense(16).activation("relu"), new Dense(32).activation("relu"),
          new Dense(2).activation("softmax"))) {
        assertThat(model.layers()).hasSize(3).doesNotContain(input);
        assertThat(model.inputLayer()).isSameAs(input);
        assertThat(model.inputShape().asArray()).containsExactly(-1, 1);
        assertThat(model.outputShape().asArray()).containsExactly(-1, 2);
        assertThat(model.summaryString()).isEqualTo(COURSE_ANN_SUMMARY);
      }
    }
  }

  @Test
  void rejectsAnInputLayerAfterOtherLayers() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(new Dense(2).inputShape(3))) {
      assertThatThrownBy(() -> model.add(new InputLayer(3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("InputLayer can only be the first layer")
          .hasMessageContaining("'sequential'");
    }
  }

  @Test
  void refusesToSummarizeAModelWithoutInputShape() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(4), new Dense(2))) {
      assertThat(model.isBuilt()).isFalse();
      assertThatThrownBy(model::summaryString)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("This model has not yet been built. Build the model first by calling `build()`");
    }
  }

  @Test
  void buildsADeferredModelOnItsFirstFit() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(4).activation("relu"), new Dense(2).activation("softmax"))) {
      Keras.setRandomSeed(1);
      model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
      model.fit(TestData.normal(10, 3, 1), TestData.labels(10, 2, 2), new FitOptions().verbose(0).seed(1));
      assertThat(model.isBuilt()).isTrue();
      assertThat(model.inputShape().asArray()).containsExactly(-1, 3);
      assertThat(model.countParams()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2);
      assertThat(model.summaryString()).contains("dense (Dense)                (None, 4)                 16        ");
    }
  }

  @Test
  void buildsForAnExplicitSampleShape() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(new Dense(4))) {
      model.build(7);
      assertThat(model.inputShape().asArray()).containsExactly(-1, 7);
      assertThat(model.getLayer(0).builtInputShape().asArray()).containsExactly(-1, 7);
      assertThatThrownBy(() -> model.build(8))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already has input shape (None, 7)");
    }
  }

  @Test
  void showsFrozenParametersAsNonTrainableWithThousandsSeparators() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(new Dense(1000).inputShape(1000).trainable(false))) {
      assertThat(model.summaryString()).isEqualTo(
          """
          Model: "sequential"
          _________________________________________________________________
          Layer (type)                 Output Shape              Param #  \s
          =================================================================
          dense (Dense)                (None, 1000)              1001000  \s
          =================================================================
          Total params: 1,001,000
          Trainable params: 0
          Non-trainable params: 1,001,000
          _________________________________________________________________
          """);
    }
  }

  @Test
  void listsLayersWithoutWeightsWithZeroParameters() {
    try (var scope = KerasContext.isolated();
        Sequential model = new Sequential(
            new Dense(16).inputShape(8), new Dropout(0.5), new Dense(3), new Activation("softmax"))) {
      assertThat(model.summaryString())
          .contains("dropout (Dropout)            (None, 16)                0         \n")
          .contains("activation (Activation)      (None, 3)                 0         \n")
          .contains("Total params: 195\n");
    }
  }

  @Test
  void namesModelsUniquely() {
    try (var scope = KerasContext.isolated();
        Sequential a = new Sequential(); Sequential b = new Sequential();
        Sequential c = new Sequential().name("mine")) {
      assertThat(a.name()).isEqualTo("sequential");
      assertThat(b.name()).isEqualTo("sequential_1");
      assertThat(c.name()).isEqualTo("mine");
    }
  }

  @Test
  void popRemovesTheLastLayer() {
    try (var scope = KerasContext.isolated(); Sequential model = courseAnn()) {
      Layer last = model.getLayer(-1);
      model.pop();
      assertThat(model.layers()).hasSize(2).doesNotContain(last);
      assertThat(model.outputShape().asArray()).containsExactly(-1, 32);
      assertThat(model.countParams()).isEqualTo(32 + 544);
      model.add(new Dense(3).activation("softmax"));
      assertThat(model.outputShape().asArray()).containsExactly(-1, 3);
      assertThat(model.summaryString()).contains("dense_3 (Dense)              (None, 3)                 99");
    }
  }

  @Test
  void popOnAnEmptyModelThrows() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential()) {
      assertThatThrownBy(model::pop)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("There are no layers in the model 'sequential'.");
    }
  }

  /** Keras resets the input of a Sequential whose last layer was popped, so a new first layer sets it anew. */
  @Test
  void popOfTheOnlyLayerForgetsItsInputShape() {
    try (var scope = KerasContext.isolated(); Sequential model = new Sequential(new Dense(4).inputShape(3))) {
      model.pop();
      assertThat(model.isBuilt()).isFalse();
      model.add(new Dense(2).inputShape(5));
      assertThat(model.inputShape().asArray()).containsExactly(-1, 5);
      assertThat(model.getLayer(0).builtInputShape().asArray()).containsExactly(-1, 5);
    }
  }

  @Test
  void findsLayersByNameAndByIndex() {
    try (var scope = KerasContext.isolated(); Sequential model = courseAnn()) {
      assertThat(model.getLayer("dense_1")).isSameAs(model.layers().get(1));
      assertThat(model.getLayer(0)).isSameAs(model.layers().get(0));
      assertThat(model.getLayer(-1)).isSameAs(model.layers().get(2));
      assertThat(model.getLayer(-3)).isSameAs(model.layers().get(0));
      assertThatThrownBy(() -> model.getLayer("dense_9"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("No such layer: dense_9. Existing layers are: [dense, dense_1, dense_2].");
      assertThatThrownBy(() -> model.getLayer(3))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessage("Model 'sequential' has 3 layers, but got index 3.");
      assertThatThrownBy(() -> model.getLayer(-4))
          .isInstanceOf(IndexOutOfBoundsException.class)
          .hasMessageContaining("index -4");
    }
  }

  @Test
  void returnsAnUnmodifiableCopyOfItsLayers() {
    try (var scope = KerasContext.isolated(); Sequential model = courseAnn()) {
      assertThatThrownBy(() -> model.layers().clear()).isInstanceOf(UnsupportedOperationException.class);
      assertThat(model.layers()).hasSize(3);
    }
  }

  @Test
  void listsWeightsLayerByLayerWithTrainableOnesFirst() {
    try (var scope = KerasContext.isolated(); Sequential model = courseAnn()) {
      assertThat(model.weights()).extracting(Weight::path).containsExactly(
          "dense/kernel", "dense/bias", "dense_1/kernel", "dense_1/bias", "dense_2/kernel", "dense_2/bias");
      model.getLayer(1).trainable(false);
      assertThat(model.trainableWeights()).extracting(Weight::path)
          .containsExactly("dense/kernel", "dense/bias", "dense_2/kernel", "dense_2/bias");
      assertThat(model.nonTrainableWeights()).extracting(Weight::path)
          .containsExactly("dense_1/kernel", "dense_1/bias");
      assertThat(model.summaryString())
          .contains("Total params: 642\nTrainable params: 98\nNon-trainable params: 544\n");
    }
  }

  @Test
  void rejectsABuiltLayerThatDoesNotFitThePreviousOutput() {
    try (var scope = KerasContext.isolated()) {
      Dense builtForFour = new Dense(2);
      builtForFour.ensureBuilt(Shapes.batchOf(4));
      try (Sequential model = new Sequential(new Dense(3).inputShape(2))) {
        assertThatThrownBy(() -> model.add(builtForFour))
            .isInstanceOfSatisfying(IncompatibleShapeException.class,
                e -> assertThat(e.received()).isEqualTo("(None, 3)"))
            .hasMessageContaining("'dense'")
            .hasMessageContaining("(None, 4)")
            .hasMessageContaining("(None, 3)");
      }
    }
  }

  @Test
  void freezesAndUnfreezesEveryLayer() {
    try (var scope = KerasContext.isolated(); Sequential model = courseAnn()) {
      model.trainable(false);
      assertThat(model.layers()).noneMatch(Layer::trainable);
      assertThat(model.trainableWeights()).isEmpty();
      model.trainable(true);
      assertThat(model.layers()).allMatch(Layer::trainable);
    }
  }
}
