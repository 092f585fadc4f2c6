package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.StdArrays;

/**
 * The Keras 1.x / Theano file {@code legacy/keras1_theano_lstm_model.h5} (DL4J's import test resources): an LSTM with
 * Keras 1 config names ({@code output_dim}, {@code inner_activation: hard_sigmoid}, {@code dropout_W: 0.2}) and
 * per-gate weights, then a Dense. Its companion {@code keras1_theano_lstm_inputs_and_outputs.h5} holds 100 inputs and
 * the predictions Keras computed; those are the reference.
 */
class Keras1TheanoLstmFixtureTest {
  private static float[][][] read3(Path file, String dataset) throws Exception {
    try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file)) {
      return (float[][][]) h.getDatasetByPath(dataset).getData();
    }
  }

  private static float[][] read2(Path file, String dataset) throws Exception {
    try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file)) {
      return (float[][]) h.getDatasetByPath(dataset).getData();
    }
  }

  @TempDir Path dir;

  @Test
  void loadsAndPredictsWhatKerasPredicted() throws Exception {
    Path modelFile = KerasFixtures.file("legacy/keras1_theano_lstm_model.h5");
    Path dataFile = KerasFixtures.file("legacy/keras1_theano_lstm_inputs_and_outputs.h5");
    float[][][] input = read3(dataFile, "inputs/lstm_input_1");
    float[][] expected = read2(dataFile, "predictions/dense_1");
    try (KerasContext.Scope scope = KerasContext.isolated(); Model model = Models.load(modelFile)) {
      float[][] predicted = model.predict(StdArrays.ndCopyOf(input));
      assertThat(predicted).hasNumberOfRows(100);
      for (int i = 0; i < expected.length; i++) {
        assertThat(predicted[i][0]).as("sample %d", i)
            .isCloseTo(expected[i][0], within(1e-5f * Math.abs(expected[i][0]) + 1e-6f));
      }
      for (String name : new String[] {"again.h5", "again.keras"}) {
        Path saved = dir.resolve(name);
        model.save(saved);
        try (Model reloaded = Models.load(saved)) {
          assertThat(reloaded.predict(StdArrays.ndCopyOf(input))).as(name).isDeepEqualTo(predicted);
        }
      }
      // It keeps training: one epoch on Keras's own predictions as targets leaves a finite loss.
      double loss = model.fit(StdArrays.ndCopyOf(input), expected,
          new io.github.keras4j.models.FitOptions().epochs(1).batchSize(10).verbose(0)).get("loss").get(0);
      assertThat(loss).isFinite();
    }
  }
}
