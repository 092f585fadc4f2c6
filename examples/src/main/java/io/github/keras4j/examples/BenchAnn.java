package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark of the episode-4/5 workload: the 16–32–2 ANN on 2,100 samples, validation split 0.1 (189 training
 * steps of batch 10 plus validation per epoch), 30 epochs, after one warm-up epoch, with Keras's
 * {@code steps_per_execution} (default 32: 32 training steps per TensorFlow call). Prints per-epoch times, the final
 * accuracies, peak memory (RSS) and, last, a machine-readable line {@code ann_ms_per_epoch=<mean>}.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:java -Depisode=BenchAnn}; arguments: the number of timed
 * epochs (default 30) and the steps per execution (default 32; 1 is one step per call).
 */
public final class BenchAnn {
  private BenchAnn() {}

  /** Runs the benchmark; an optional argument sets the number of timed epochs (default 30). */
  public static void main(String[] args) throws IOException {
    if (BenchLauncher.relaunch(BenchAnn.class, args, "128m")) {
      return; // ran in a JVM of its own, so that the peak RSS printed is the benchmark's alone
    }
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int stepsPerExecution = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    Keras.setRandomSeed(Course.SEED); // the same initial weights in every run, so accuracies compare
    Course.Prepared data = Course.prepareData();
    try (Sequential model = Course.buildCompiledModel()) {
      model.stepsPerExecution(stepsPerExecution);
      FitOptions warmUp =
          new FitOptions().validationSplit(0.1).batchSize(10).epochs(1).verbose(0).seed(Course.SEED);
      model.fit(data.scaledTrainSamples(), data.trainLabels(), warmUp);

      long[] ends = new long[epochs + 1];
      Callback timer =
          new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
              ends[epoch + 1] = System.nanoTime();
            }
          };
      ends[0] = System.nanoTime();
      History history = model.fit(
          data.scaledTrainSamples(), data.trainLabels(),
          new FitOptions().validationSplit(0.1).batchSize(10).epochs(epochs).verbose(0).seed(Course.SEED)
              .callbacks(timer));
      double[] ms = new double[epochs];
      for (int i = 0; i < epochs; i++) {
        ms[i] = (ends[i + 1] - ends[i]) / 1e6;
      }
      double mean = (ends[epochs] - ends[0]) / 1e6 / epochs;
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "workload: ANN 1-16-32-2, 1890 train + 210 validation samples, batch 10%n");
      System.out.printf(Locale.ROOT, "epochs timed: %d (after 1 warm-up epoch), steps per execution: %d%n", epochs,
          stepsPerExecution);
      System.out.printf(Locale.ROOT, "final accuracy: %.4f, val_accuracy: %.4f%n",
          history.get("accuracy").get(epochs - 1), history.get("val_accuracy").get(epochs - 1));
      System.out.printf(
          Locale.ROOT, "ms per epoch: mean %.1f, median %.1f, min %.1f, max %.1f%n", mean, sorted[epochs / 2],
          sorted[0], sorted[epochs - 1]);
      System.out.printf(Locale.ROOT, "peak RSS: %s%n", peakRss());
      System.out.printf(Locale.ROOT, "peak_rss_mb=%d%n", peakRssMb());
      System.out.printf(Locale.ROOT, "ann_ms_per_epoch=%.1f%n", mean);
    }
  }

  /** Returns the process's peak resident set size in MB from /proc (Linux), or -1 when unknown. */
  static long peakRssMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Returns the process's peak resident set size from /proc (Linux), or "unknown". */
  static String peakRss() {
    Path status = Path.of("/proc/self/status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return "unknown";
  }
}
