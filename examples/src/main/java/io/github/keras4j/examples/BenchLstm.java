package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.util.Locale;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Benchmark of a stock-predictor-shaped recurrent model: LSTM(50, return_sequences) ×3 → LSTM(50) → Dense(1) on
 * windows of 100 steps × 1 feature (a noisy sine), batch 32, Adam and MSE. Times training epochs and prediction
 * after a warm-up; the last lines are machine-readable: {@code lstm_train_seq_per_s=} and
 * {@code lstm_predict_seq_per_s=}.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:java -Depisode=BenchLstm}.
 */
public final class BenchLstm {
  private static final int STEPS = 100;
  private static final int BATCH = 32;

  private BenchLstm() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional: the number of sequences (640) and of timed epochs (3)
   */
  public static void main(String[] args) {
    if (BenchLauncher.relaunch(BenchLstm.class, args, "512m")) {
      return; // ran in a JVM of its own, so that the peak RSS printed is the benchmark's alone
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 640;
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Keras.setRandomSeed(42);
    float[] series = new float[n + STEPS + 1];
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < series.length; i++) {
      series[i] = (float) (Math.sin(i * 0.05) + 0.1 * random.nextGaussian());
    }
    float[] xs = new float[n * STEPS];
    float[][] y = new float[n][1];
    for (int s = 0; s < n; s++) {
      System.arraycopy(series, s, xs, s * STEPS, STEPS);
      y[s][0] = series[s + STEPS];
    }
    FloatNdArray x = NdArrays.ofFloats(Shape.of(n, STEPS, 1));
    x.copyFrom(DataBuffers.of(xs, true, false));

    try (Sequential model = new Sequential(
        new InputLayer(STEPS, 1),
        new LSTM(50).returnSequences(true),
        new LSTM(50).returnSequences(true),
        new LSTM(50).returnSequences(true),
        new LSTM(50),
        new Dense(1))) {
      long t0 = System.nanoTime();
      model.compile("adam", "mse");
      model.fit(x, y, new FitOptions().epochs(1).batchSize(BATCH).verbose(0).seed(1));
      long t1 = System.nanoTime();
      var history = model.fit(x, y, new FitOptions().epochs(epochs).batchSize(BATCH).verbose(0).seed(1));
      long t2 = System.nanoTime();
      double train = (double) n * epochs / ((t2 - t1) / 1e9);

      PredictOptions options = new PredictOptions().batchSize(BATCH);
      model.predict(x, options);
      int rounds = 3;
      long t3 = System.nanoTime();
      for (int r = 0; r < rounds; r++) {
        model.predict(x, options);
      }
      long t4 = System.nanoTime();
      double predict = (double) n * rounds / ((t4 - t3) / 1e9);

      System.out.printf(Locale.ROOT, "workload: LSTM(50, seq) x3 -> LSTM(50) -> Dense(1), %d x %d x 1, batch %d%n",
          n, STEPS, BATCH);
      System.out.printf(Locale.ROOT, "compile + first epoch: %.1f s; loss %s%n", (t1 - t0) / 1e9,
          history.get("loss"));
      System.out.printf(Locale.ROOT, "timed: %d epochs, %d predict rounds%n", epochs, rounds);
      System.out.printf(Locale.ROOT, "peak RSS: %s%n", BenchAnn.peakRss());
      System.out.printf(Locale.ROOT, "peak_rss_mb=%d%n", BenchAnn.peakRssMb());
      System.out.printf(Locale.ROOT, "lstm_train_seq_per_s=%.1f%n", train);
      System.out.printf(Locale.ROOT, "lstm_predict_seq_per_s=%.1f%n", predict);
    }
  }
}
