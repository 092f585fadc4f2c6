package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keras 1.x files: config names converted as Keras 2's {@code keras/legacy/interfaces.py} does, weights as its
 * {@code preprocess_weights_for_loading} does (Theano kernels flipped). Expected values are derived by hand.
 */
class Keras1Test {
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  @Test
  void convertsKeras1DenseAndConvolutionNamesAsKeras2Does() {
    var dense = Keras1Configs.convert("Dense", Map.of("name", "dense_1", "output_dim", 10, "init", "glorot_uniform",
        "W_regularizer", "null", "bias", true, "input_dim", 784, "input_dtype", "float32"));
    assertThat(dense.className()).isEqualTo("Dense");
    assertThat(dense.config()).containsEntry("units", 10).containsEntry("kernel_initializer", "glorot_uniform")
        .containsEntry("kernel_regularizer", "null").containsEntry("use_bias", true)
        .containsEntry("batch_input_shape", Arrays.asList(null, 784))
        .doesNotContainKeys("output_dim", "init", "bias", "input_dim", "input_dtype");

    var conv = Keras1Configs.convert("Convolution2D", Map.of("name", "c", "nb_filter", 8, "nb_row", 3, "nb_col", 5,
        "border_mode", "same", "subsample", List.of(2, 1), "dim_ordering", "th", "b_constraint", "null"));
    assertThat(conv.className()).isEqualTo("Conv2D");
    assertThat(conv.config()).containsEntry("filters", 8).containsEntry("kernel_size", List.of(3, 5))
        .containsEntry("padding", "same").containsEntry("strides", List.of(2, 1))
        .containsEntry("data_format", "channels_first").containsEntry("bias_constraint", "null");

    var conv1 = Keras1Configs.convert("Convolution1D", Map.of("name", "c1", "nb_filter", 4, "filter_length", 3,
        "subsample_length", 1, "border_mode", "valid", "input_dim", 7, "input_length", 20));
    assertThat(conv1.className()).isEqualTo("Conv1D");
    assertThat(conv1.config()).containsEntry("kernel_size", 3).containsEntry("strides", 1)
        .containsEntry("batch_input_shape", Arrays.asList(null, 20, 7));

    var pool1 = Keras1Configs.convert("MaxPooling1D", Map.of("name", "p", "pool_length", 2, "stride", 2,
        "border_mode", "valid"));
    assertThat(pool1.config()).containsEntry("pool_size", 2).containsEntry("padding", "valid")
        .containsEntry("strides", 2);
    var pool2 = Keras1Configs.convert("MaxPooling2D", Map.of("name", "p", "pool_size", List.of(2, 2),
        "border_mode", "valid", "dim_ordering", "tf"));
    assertThat(pool2.config()).containsEntry("data_format", "channels_last").doesNotContainKey("dim_ordering");
    assertThat(Keras1Configs.convert("Dropout", Map.of("name", "d", "p", 0.25)).config())
        .containsEntry("rate", 0.25).doesNotContainKey("p");
    Map<String, Object> lstmConfig = new java.util.LinkedHashMap<>();
    lstmConfig.put("name", "l");
    lstmConfig.put("output_dim", 50);
    lstmConfig.put("inner_init", "orthogonal");
    lstmConfig.put("inner_activation", "hard_sigmoid");
    lstmConfig.put("forget_bias_init", "one");
    lstmConfig.put("dropout_W", 0.2);
    lstmConfig.put("dropout_U", 0.0);
    lstmConfig.put("U_regularizer", "null");
    lstmConfig.put("consume_less", "cpu");
    lstmConfig.put("input_dim", 1);
    var lstm = Keras1Configs.convert("LSTM", lstmConfig);
    assertThat(lstm.config()).containsEntry("units", 50).containsEntry("recurrent_initializer", "orthogonal")
        .containsEntry("recurrent_activation", "hard_sigmoid").containsEntry("unit_forget_bias", true)
        .containsEntry("dropout", 0.2).containsEntry("recurrent_dropout", 0.0)
        .containsEntry("recurrent_regularizer", "null").doesNotContainKey("consume_less");
    // Keras 2 configs pass through untouched.
    Map<String, Object> keras2 = Map.of("name", "d", "units", 3);
    assertThat(Keras1Configs.convert("Dense", keras2).config()).isSameAs(keras2);
  }

  @Test
  void refusesKeras1SettingsWithoutKeras2Equivalent() {
    assertThatThrownBy(() -> Keras1Configs.convert("BatchNormalization", Map.of("name", "bn", "mode", 2,
        "beta_init", "zero")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bn").hasMessageContaining("mode 2");
    assertThatThrownBy(() -> Keras1Configs.convert("Convolution2D", Map.of("name", "c", "nb_filter", 1,
        "border_mode", "full")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'c'").hasMessageContaining("full");
  }

  @Test
  void convertsKernelsAsPreprocessWeightsForLoading() {
    // A 2x2x1x1 kernel [[a, b], [c, d]] flipped on both spatial axes is [[d, c], [b, a]].
    var flipped = LegacyWeights.flipSpatial(new LegacyWeights.Array(new float[] {1, 2, 3, 4}, new long[] {2, 2, 1, 1}));
    assertThat(flipped.values()).containsExactly(4, 3, 2, 1);
    // (filters=2, in=1, rows=1, cols=2) -> transpose (2, 3, 1, 0) -> (1, 2, 1, 2): [f][0][0][c] -> [0][c][0][f].
    var t = LegacyWeights.transpose(new LegacyWeights.Array(new float[] {1, 2, 3, 4}, new long[] {2, 1, 1, 2}),
        2, 3, 1, 0);
    assertThat(t.shape()).containsExactly(1, 2, 1, 2);
    assertThat(t.values()).containsExactly(1, 3, 2, 4);
    // LSTM per-gate (i, c, f, o) kernels of shape (1, 1) concatenate as i, f, c, o.
    List<LegacyWeights.Array> gates = new java.util.ArrayList<>();
    for (int g = 0; g < 12; g++) {
      gates.add(new LegacyWeights.Array(new float[] {g}, new long[] {1, 1}));
    }
    var joined = LegacyWeights.concatLast(gates, 0, 6, 3, 9);
    assertThat(joined.shape()).containsExactly(1, 4);
    assertThat(joined.values()).containsExactly(0, 6, 3, 9);
  }

  /** A Keras 1.2.2 Theano-backend file: Sequential Convolution2D(tf ordering) → MaxPooling2D → Flatten → Dropout → Dense. */
  @Test
  void loadsAKeras1TheanoFileWithFlippedKernelsAndKeras1Names() throws Exception {
    String config = "{\"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Convolution2D\", \"config\":"
        + " {\"name\": \"convolution2d_1\", \"trainable\": true, \"batch_input_shape\": [null, 3, 3, 1],"
        + " \"input_dtype\": \"float32\", \"nb_filter\": 1, \"nb_row\": 2, \"nb_col\": 2, \"init\":"
        + " \"glorot_uniform\", \"activation\": \"linear\", \"border_mode\": \"valid\", \"subsample\": [1, 1],"
        + " \"dim_ordering\": \"tf\", \"W_regularizer\": null, \"b_regularizer\": null, \"activity_regularizer\":"
        + " null, \"W_constraint\": null, \"b_constraint\": null, \"bias\": true}}, {\"class_name\":"
        + " \"MaxPooling2D\", \"config\": {\"name\": \"maxpooling2d_1\", \"trainable\": true, \"pool_size\": [2, 2],"
        + " \"strides\": [1, 1], \"border_mode\": \"valid\", \"dim_ordering\": \"tf\"}}, {\"class_name\":"
        + " \"Flatten\", \"config\": {\"name\": \"flatten_1\", \"trainable\": true}}, {\"class_name\": \"Dropout\","
        + " \"config\": {\"name\": \"dropout_1\", \"trainable\": true, \"p\": 0.5}}, {\"class_name\": \"Dense\","
        + " \"config\": {\"name\": \"dense_1\", \"trainable\": true, \"output_dim\": 2, \"init\": \"glorot_uniform\","
        + " \"activation\": \"linear\", \"W_regularizer\": null, \"b_regularizer\": null, \"activity_regularizer\":"
        + " null, \"W_constraint\": null, \"b_constraint\": null, \"bias\": true, \"input_dim\": 1}}]}";
    Path file = dir.resolve("keras1_theano.h5");
    try (HdfWriter w = new HdfWriter(file, file)) {
      WritableGroup root = w.root();
      root.putAttribute("keras_version", "1.2.2");
      root.putAttribute("backend", "theano");
      root.putAttribute("model_config", config);
      WritableGroup mw = root.putGroup("model_weights");
      mw.putAttribute("layer_names", new String[] {"convolution2d_1", "maxpooling2d_1", "flatten_1", "dropout_1",
          "dense_1"});
      WritableGroup c = mw.putGroup("convolution2d_1");
      c.putAttribute("weight_names", new String[] {"convolution2d_1_W", "convolution2d_1_b"});
      // Theano convolves: the stored kernel [[1, 2], [3, 4]] acts as the correlation kernel [[4, 3], [2, 1]].
      c.putDataset("convolution2d_1_W", new float[][][][] {{{{1f}}, {{2f}}}, {{{3f}}, {{4f}}}});
      c.putDataset("convolution2d_1_b", new float[] {0.5f});
      for (String empty : List.of("maxpooling2d_1", "flatten_1", "dropout_1")) {
        Hdf5.putEmpty(mw.putGroup(empty), "weight_names");
      }
      WritableGroup d = mw.putGroup("dense_1");
      d.putAttribute("weight_names", new String[] {"dense_1_W", "dense_1_b"});
      d.putDataset("dense_1_W", new float[][] {{2f, -1f}});
      d.putDataset("dense_1_b", new float[] {0f, 1f});
    }
    try (Model m = Models.load(file)) {
      assertThat(m.layers()).hasSize(5);
      assertThat(m.layers().get(0)).isInstanceOf(Conv2D.class);
      assertThat(((Conv2D) m.layers().get(0)).kernelSize()).containsExactly(2, 2);
      assertThat(m.layers().get(1)).isInstanceOf(MaxPooling2D.class);
      assertThat(m.layers().get(3)).isInstanceOf(Dropout.class);
      assertThat(((Dense) m.layers().get(4)).getConfig()).containsEntry("units", 2);
      assertThat(m.layers().get(0).weights().get(0).read()).containsExactly(4f, 3f, 2f, 1f);
      // Input 3x3 [[1,2,3],[4,5,6],[7,8,9]]; correlation with [[4,3],[2,1]] + 0.5:
      // [[4+6+8+5, 8+9+10+6], [16+15+14+8, 20+18+16+9]] + 0.5 = [[23.5, 33.5], [53.5, 63.5]];
      // 2x2 max pool (stride 1) -> 63.5; Dense: [2*63.5 + 0, -63.5 + 1] = [127, -62.5].
      float[][][][] x = {{{{1f}, {2f}, {3f}}, {{4f}, {5f}, {6f}}, {{7f}, {8f}, {9f}}}};
      float[][] y = m.predict(org.tensorflow.ndarray.StdArrays.ndCopyOf(x));
      assertThat(y[0]).containsExactly(127f, -62.5f);
    }
  }
}
