package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Add;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import org.junit.jupiter.api.Test;

/**
 * summary() of functional models, character for character as tf.keras 2.x's {@code print_summary}: a chain prints
 * like a Sequential (65 columns, stops 29/55/65) with an InputLayer row; other graphs print the 98-column
 * {@code Connected to} format (stops 32/53/65/98), connections {@code name[node][tensor]}, one per row.
 */
class FunctionalSummaryTest {
  private static final String CHAIN =
      """
      Model: "model"
      _________________________________________________________________
      Layer (type)                 Output Shape              Param #  \s
      =================================================================
      input_1 (InputLayer)         [(None, 4)]               0        \s
      _________________________________________________________________
      dense (Dense)                (None, 16)                80       \s
      _________________________________________________________________
      dense_1 (Dense)              (None, 2)                 34       \s
      =================================================================
      Total params: 114
      Trainable params: 114
      Non-trainable params: 0
      _________________________________________________________________
      """;

  private static final String RESIDUAL =
      """
      Model: "model"
      __________________________________________________________________________________________________
      Layer (type)                    Output Shape         Param #     Connected to                    \s
      ==================================================================================================
      input_1 (InputLayer)            [(None, 4)]          0                                           \s
      __________________________________________________________________________________________________
      a_rather_long_dense_layer_name  (None, 4)            20          input_1[0][0]                   \s
      __________________________________________________________________________________________________
      batch_normalization (BatchNorma (None, 4)            16          a_rather_long_dense_layer_name[0]
      __________________________________________________________________________________________________
      dense (Dense)                   (None, 4)            20          batch_normalization[0][0]       \s
      __________________________________________________________________________________________________
      add (Add)                       (None, 4)            0           a_rather_long_dense_layer_name[0]
                                                                       dense[0][0]                     \s
      __________________________________________________________________________________________________
      dense_1 (Dense)                 (None, 2)            10          add[0][0]                       \s
      ==================================================================================================
      Total params: 66
      Trainable params: 58
      Non-trainable params: 8
      __________________________________________________________________________________________________
      """;

  /**
   * A layer called twice: Keras prints its output shape (all its nodes give {@code (None, 4)}) and one connection
   * row per node; Add's second input is {@code dense[1][0]}.
   */
  private static final String SHARED =
      """
      Model: "model"
      __________________________________________________________________________________________________
      Layer (type)                    Output Shape         Param #     Connected to                    \s
      ==================================================================================================
      input_1 (InputLayer)            [(None, 4)]          0                                           \s
      __________________________________________________________________________________________________
      dense (Dense)                   (None, 4)            20          input_1[0][0]                   \s
                                                                       dense[0][0]                     \s
      __________________________________________________________________________________________________
      add (Add)                       (None, 4)            0           dense[0][0]                     \s
                                                                       dense[1][0]                     \s
      ==================================================================================================
      Total params: 20
      Trainable params: 20
      Non-trainable params: 0
      __________________________________________________________________________________________________
      """;

  @Test
  void printsAChainLikeASequentialWithTheInputLayerRow() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor x = new Dense(16).activation("relu").apply(in);
      Model model = new Model(in, new Dense(2).activation("softmax").apply(x));
      String summary = model.summaryString();
      assertThat(summary).isEqualTo(CHAIN);
      assertThat(summary.lines().filter(l -> l.startsWith("input_1")).findFirst().orElseThrow())
          .isEqualTo("input_1 (InputLayer)         [(None, 4)]               0         ");
    }
  }

  @Test
  void printsAResidualModelWithConnectedToColumns() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor d1 = new Dense(4).name("a_rather_long_dense_layer_name").apply(in);
      KerasTensor bn = new BatchNormalization().apply(d1);
      KerasTensor d2 = new Dense(4).apply(bn);
      Model model = new Model(in, new Dense(2).apply(new Add().apply(d1, d2)));
      String summary = model.summaryString();
      assertThat(summary).isEqualTo(RESIDUAL);
      assertThat(summary.lines().filter(l -> !l.startsWith("Model") && !l.contains("params")).toList())
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(98));
    }
  }

  @Test
  void printsALayerCalledTwiceWithItsShapeAndOneConnectionPerCall() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      Dense shared = new Dense(4);
      KerasTensor once = shared.apply(in);
      KerasTensor twice = shared.apply(once);
      Model model = new Model(in, new Add().apply(once, twice));
      assertThat(model.summaryString()).isEqualTo(SHARED);
    }
  }

  @Test
  void printsTheSummaryToTheModelsOutput() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      KerasTensor x = new Dense(16).activation("relu").apply(in);
      Model model = new Model(in, new Dense(2).activation("softmax").apply(x));
      io.github.keras4j.TestData.Capture out = new io.github.keras4j.TestData.Capture();
      model.setOutput(out.stream());
      model.summary();
      assertThat(out.text()).isEqualTo(CHAIN);
    }
  }

  @Test
  void countsFrozenLayersAsNonTrainable() {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(4);
      Dense frozen = new Dense(16);
      KerasTensor x = frozen.apply(in);
      Model model = new Model(in, new Dense(2).apply(x));
      frozen.trainable(false);
      assertThat(model.summaryString())
          .endsWith("Total params: 114\nTrainable params: 34\nNon-trainable params: 80\n" + "_".repeat(65) + "\n");
      model.trainable(false);
      assertThat(model.summaryString()).contains("Trainable params: 0\nNon-trainable params: 114\n");
    }
  }
}
