package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.AveragePooling1D;
import io.github.keras4j.layers.Conv1D;
import io.github.keras4j.layers.Cropping1D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Flatten;
import io.github.keras4j.layers.GlobalAveragePooling1D;
import io.github.keras4j.layers.GlobalMaxPooling1D;
import io.github.keras4j.layers.Input;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.MaxPooling1D;
import io.github.keras4j.layers.SpatialDropout1D;
import io.github.keras4j.layers.UpSampling1D;
import io.github.keras4j.layers.ZeroPadding1D;
import io.github.keras4j.layers.Concatenate;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.StdArrays;

/**
 * A Conv1D signal classifier built from every 1-D layer trains, and saves as {@code .h5} and {@code .keras} with
 * Keras's weight names, loading back to the same predictions.
 */
class Sequence1DModelTest {
  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(5);
  }

  @AfterEach
  void close() {
    scope.close();
  }

  /** Two classes of 24-step, 2-channel signals: a slow sine or a fast one, with noise. */
  private static float[][][] signals(int n, int[] labels) {
    java.util.Random r = new java.util.Random(3);
    float[][][] x = new float[n][24][2];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      double f = labels[i] == 0 ? 0.2 : 0.9;
      for (int t = 0; t < 24; t++) {
        x[i][t][0] = (float) (Math.sin(f * t + i) + 0.1 * r.nextGaussian());
        x[i][t][1] = (float) (0.1 * r.nextGaussian());
      }
    }
    return x;
  }

  private static Sequential classifier() {
    return new Sequential(
        new Conv1D(8, 3).activation("relu").padding("causal").dilationRate(2).inputShape(24, 2),
        new SpatialDropout1D(0.1).seed(1),
        new ZeroPadding1D(1),
        new MaxPooling1D(2),
        new Conv1D(8, 3).padding("same").groups(2).activation("relu"),
        new UpSampling1D(2),
        new Cropping1D(2, 2),
        new AveragePooling1D(2).strides(2),
        new Flatten(),
        new Dense(2).activation("softmax"));
  }

  @Test
  void trainsSavesAndLoadsBackEqual() throws Exception {
    int[] y = new int[64];
    FloatNdArray x = StdArrays.ndCopyOf(signals(64, y));
    try (Sequential model = classifier()) {
      model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
      History h = model.fit(x, y, new FitOptions().epochs(10).batchSize(16).verbose(0).seed(2));
      List<Double> acc = h.history().get("accuracy");
      assertThat(acc.get(acc.size() - 1)).as("accuracy after 10 epochs").isGreaterThan(0.8);
      float[][] expected = model.predict(x);
      for (String name : List.of("signals.h5", "signals.keras")) {
        Path file = dir.resolve(name);
        model.save(file);
        try (Model loaded = Models.load(file)) {
          assertThat(loaded.summaryString()).as(name).isEqualTo(model.summaryString());
          assertThat(loaded.predict(x)).as(name).isDeepEqualTo(expected);
          assertThat(loaded.layers().stream().map(l -> l.getClass().getSimpleName()).toList()).as(name)
              .containsSubsequence("Conv1D", "SpatialDropout1D", "ZeroPadding1D", "MaxPooling1D", "Conv1D",
                  "UpSampling1D", "Cropping1D", "AveragePooling1D", "Flatten", "Dense");
        }
      }
      try (io.jhdf.HdfFile h5 = new io.jhdf.HdfFile(dir.resolve("signals.h5"))) {
        assertThat(h5.getDatasetByPath("model_weights/conv1d/conv1d/kernel:0").getDimensions())
            .containsExactly(3, 2, 8);
        assertThat(h5.getDatasetByPath("model_weights/conv1d_1/conv1d_1/kernel:0").getDimensions())
            .containsExactly(3, 4, 8);
        assertThat(h5.getDatasetByPath("model_weights/conv1d/conv1d/bias:0").getDimensions()).containsExactly(8);
      }
    }
  }

  @Test
  void aFunctionalModelWithGlobalPoolingBranchesRoundTrips() throws Exception {
    KerasTensor in = Input.shape(16, 3);
    KerasTensor c = new Conv1D(4, 3).activation("tanh").apply(in);
    KerasTensor avg = new GlobalAveragePooling1D().apply(c);
    KerasTensor max = new GlobalMaxPooling1D().apply(c);
    KerasTensor out = new Dense(1).activation("sigmoid").apply(new Concatenate().apply(avg, max));
    try (Model model = new Model(in, out)) {
      float[][][] xs = new float[4][16][3];
      for (int i = 0; i < 4; i++) {
        for (int t = 0; t < 16; t++) {
          for (int f = 0; f < 3; f++) {
            xs[i][t][f] = (float) Math.cos(i + t * 0.5 + f);
          }
        }
      }
      FloatNdArray x = StdArrays.ndCopyOf(xs);
      float[][] expected = model.predict(x);
      for (String name : List.of("branches.h5", "branches.keras")) {
        model.save(dir.resolve(name));
        try (Model loaded = Models.load(dir.resolve(name))) {
          assertThat(loaded.predict(x)).as(name).isDeepEqualTo(expected);
        }
      }
    }
  }
}
