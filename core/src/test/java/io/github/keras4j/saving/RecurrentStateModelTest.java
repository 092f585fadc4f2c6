package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.GRU;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Functional models with multi-output recurrent calls: Keras's encoder-decoder (an LSTM's {@code return_state}
 * feeding a decoder LSTM's {@code initial_state}) trains, saves as {@code .h5} and {@code .keras} and loads back
 * with equal predictions; Keras 2 and Keras 3 configs with {@code tensor_index} 1 and 2 and {@code initial_state}
 * read as Keras writes them.
 */
class RecurrentStateModelTest {
  private KerasContext.Scope scope;
  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(3);
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  static FloatNdArray random(Random r, long... shape) {
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    FloatNdArray a = NdArrays.ofFloats(Shape.of(shape));
    a.copyFrom(DataBuffers.of(v, true, false));
    return a;
  }

  static Model encoderDecoder() {
    KerasTensor encoderInputs = Input.shape(6, 3);
    List<KerasTensor> encoder = new LSTM(8).returnState(true).name("encoder").applyMulti(encoderInputs);
    KerasTensor decoderInputs = Input.shape(5, 2);
    KerasTensor decoded =
        new LSTM(8).returnSequences(true).name("decoder").apply(decoderInputs, encoder.get(1), encoder.get(2));
    KerasTensor outputs = new Dense(2).name("head").apply(decoded);
    return new Model(List.of(encoderInputs, decoderInputs), List.of(outputs)).name("seq2seq");
  }

  @Test
  void encoderDecoderTrainsSavesAndLoadsBackEqual() throws Exception {
    Random r = new Random(1);
    FloatNdArray enc = random(r, 16, 6, 3);
    FloatNdArray dec = random(r, 16, 5, 2);
    float[][] y = new float[16][10];
    for (int i = 0; i < 16; i++) {
      for (int j = 0; j < 10; j++) {
        // the target depends on the encoder input, so only a model that passes the states can fit it
        y[i][j] = (float) Math.tanh(enc.getFloat(i, j % 6, j % 3));
      }
    }
    try (Model model = encoderDecoder()) {
      Layer encoder = model.getLayer("encoder");
      float[] encoderKernel = encoder.weights().get(0).read();
      model.compile(new Adam(0.02), "mse");
      History h = model.fit(List.of(enc, dec), y, new FitOptions().epochs(15).batchSize(8).verbose(0)
          .shuffle(false).seed(1));
      List<Double> loss = h.get("loss");
      assertThat(loss.get(loss.size() - 1)).as("loss after training").isLessThan(0.8 * loss.get(0));
      assertThat(encoder.weights().get(0).read()).as("encoder kernel: gradients flow through the states")
          .isNotEqualTo(encoderKernel);
      float[][] before = model.predict(List.of(enc, dec)).get(0);

      Map<String, Object> k2 = ModelConfigWriter.keras2(model);
      assertThat(k2.toString()).contains("inbound_nodes=[[[input_2, 0, 0, {}], [encoder, 0, 1, {}], [encoder, 0, 2, {}]]]");
      Map<String, Object> k3 = ModelConfigWriter.keras3(model);
      assertThat(k3.toString()).contains("kwargs={initial_state=[{class_name=__keras_tensor__")
          .contains("keras_history=[encoder, 0, 1]").contains("keras_history=[encoder, 0, 2]");

      for (String file : List.of("s2s.h5", "s2s.keras")) {
        Path path = dir.resolve(file);
        model.save(path);
        try (Model loaded = Models.load(path)) {
          assertThat(loaded.predict(List.of(enc, dec)).get(0)).as(file).isDeepEqualTo(before);
          Layer decoder = loaded.getLayer("decoder");
          assertThat(decoder.inboundNodes().get(0).inputs()).extracting(KerasTensor::tensorIndex)
              .containsExactly(0, 1, 2);
          assertThat(loaded.summaryString()).contains("encoder (LSTM)                  [(None, 8), (None, 8 384")
              .contains("encoder[0][2]");
        }
      }
    }
  }

  private static String tensor(String layer, int node, int index, String shape) {
    return "{\"class_name\": \"__keras_tensor__\", \"config\": {\"shape\": " + shape
        + ", \"dtype\": \"float32\", \"keras_history\": [\"" + layer + "\", " + node + ", " + index + "]}}";
  }

  /** A Keras 3 config written by hand as Keras 3.x writes it: an encoder GRU's state into a decoder GRU. */
  @Test
  void readsAKeras3ConfigWithTensorIndexAndInitialStateKwargs() {
    String json = """
        {"module": "keras", "class_name": "Functional", "config": {"name": "k3", "trainable": true, "layers": [
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4, 3],
            "dtype": "float32", "sparse": false, "name": "enc_in"}, "registered_name": null, "name": "enc_in",
            "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "enc", "trainable": true,
            "return_sequences": false, "return_state": true, "go_backwards": false, "stateful": false,
            "unroll": false, "zero_output_for_mask": false, "units": 5, "activation": "tanh",
            "recurrent_activation": "sigmoid", "use_bias": true, "unit_forget_bias": true, "dropout": 0.0,
            "recurrent_dropout": 0.0, "seed": null}, "registered_name": null, "build_config": {"input_shape":
            [null, 4, 3]}, "name": "enc", "inbound_nodes": [{"args": [%s], "kwargs": {"training": false,
            "mask": null}}]},
          {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 2, 1],
            "dtype": "float32", "sparse": false, "name": "dec_in"}, "registered_name": null, "name": "dec_in",
            "inbound_nodes": []},
          {"module": "keras.layers", "class_name": "LSTM", "config": {"name": "dec", "trainable": true,
            "return_sequences": true, "return_state": false, "units": 5}, "registered_name": null,
            "name": "dec", "inbound_nodes": [{"args": [%s], "kwargs": {"initial_state": [%s, %s],
            "training": false, "mask": null}}]},
          {"module": "keras.layers", "class_name": "Dense", "config": {"name": "out", "units": 1,
            "activation": "linear", "use_bias": true}, "registered_name": null, "name": "out",
            "inbound_nodes": [{"args": [%s], "kwargs": {}}]}],
          "input_layers": [["enc_in", 0, 0], ["dec_in", 0, 0]],
          "output_layers": [["out", 0, 0], ["enc", 0, 2]]},
          "registered_name": "Functional", "keras_version": "3.3.3"}
        """.formatted(tensor("enc_in", 0, 0, "[null, 4, 3]"), tensor("dec_in", 0, 0, "[null, 2, 1]"),
        tensor("enc", 0, 1, "[null, 5]"), tensor("enc", 0, 2, "[null, 5]"), tensor("dec", 0, 0, "[null, 2, 5]"));
    try (Model model = Models.fromJson(json)) {
      assertThat(model.outputs()).hasSize(2);
      assertThat(model.outputs().get(1).tensorIndex()).isEqualTo(2);
      assertThat(model.outputs().get(1).shape().asArray()).containsExactly(-1, 5);
      Layer dec = model.getLayer("dec");
      assertThat(dec.inboundNodes().get(0).inputs()).extracting(t -> t.layer().name() + ":" + t.tensorIndex())
          .containsExactly("dec_in:0", "enc:1", "enc:2");
      Random r = new Random(2);
      List<float[][]> y = model.predict(List.of(random(r, 3, 4, 3), random(r, 3, 2, 1)));
      assertThat(y.get(0)[0]).hasSize(2);
      assertThat(y.get(1)[0]).hasSize(5);
      // and back out as Keras 3 writes it
      assertThat(ModelConfigWriter.keras3(model).toString()).contains("output_layers=[[out, 0, 0], [enc, 0, 2]]");
    }
  }

  /** tf.keras 2.x lists the states after the sequence and repeats them in each entry's kwargs. */
  @Test
  void readsAKeras2ConfigWithInitialStateKwargs() {
    String json = """
        {"class_name": "Functional", "config": {"name": "k2", "layers": [
          {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 4, 3], "dtype": "float32",
            "name": "enc_in"}, "name": "enc_in", "inbound_nodes": []},
          {"class_name": "GRU", "config": {"name": "enc", "units": 5, "return_state": true}, "name": "enc",
            "inbound_nodes": [[["enc_in", 0, 0, {}]]]},
          {"class_name": "InputLayer", "config": {"batch_input_shape": [null, 2, 1], "dtype": "float32",
            "name": "dec_in"}, "name": "dec_in", "inbound_nodes": []},
          {"class_name": "GRU", "config": {"name": "dec", "units": 5, "return_sequences": true}, "name": "dec",
            "inbound_nodes": [[["dec_in", 0, 0, {"initial_state": [["enc", 0, 1]]}],
                               ["enc", 0, 1, {"initial_state": [["enc", 0, 1]]}]]]},
          {"class_name": "GRU", "config": {"name": "dec2", "units": 5}, "name": "dec2",
            "inbound_nodes": [[["dec_in", 0, 0, {"initial_state": [["enc", 0, 1]]}]]]}],
          "input_layers": [["enc_in", 0, 0], ["dec_in", 0, 0]],
          "output_layers": [["dec", 0, 0], ["enc", 0, 1], ["dec2", 0, 0]]},
          "keras_version": "2.9.0", "backend": "tensorflow"}
        """;
    try (Model model = Models.fromJson(json)) {
      assertThat(model.getLayer("dec").inboundNodes().get(0).inputs())
          .extracting(t -> t.layer().name() + ":" + t.tensorIndex()).containsExactly("dec_in:0", "enc:1");
      // only in kwargs (a writer that leaves the states out of the list): still the decoder's initial state
      assertThat(model.getLayer("dec2").inboundNodes().get(0).inputs())
          .extracting(t -> t.layer().name() + ":" + t.tensorIndex()).containsExactly("dec_in:0", "enc:1");
      assertThat(((GRU) model.getLayer("enc")).returnState()).isTrue();
    }
    String bad = json.replace("[\"enc\", 0, 1], [\"dec2\", 0, 0]]", "[\"enc\", 0, 3], [\"dec2\", 0, 0]]");
    assertThatThrownBy(() -> Models.fromJson(bad)).hasStackTraceContaining("Tensor index 3 of layer 'enc'")
        .hasStackTraceContaining("returns 2 tensor(s)");
  }
}
