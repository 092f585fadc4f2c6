package io.github.keras4j.examples;

import io.github.keras4j.applications.MobileNet;
import io.github.keras4j.models.BatchSource;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.PredictOptions;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark of MobileNet (alpha 1.0, 224×224, random weights) with batch 10: fine-tuning as episode 17 does (all
 * but the last 23 layers frozen, a new 10-class head) and inference of the full model. Last lines:
 * {@code mobilenet_finetune_img_per_s=<n>}, {@code mobilenet_predict_img_per_s=<n>}.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:java -Depisode=BenchMobileNet}.
 */
public final class BenchMobileNet {
  private BenchMobileNet() {}

  /** Runs the benchmark; an optional argument sets the number of images per timed pass (default 200). */
  public static void main(String[] args) throws Exception {
    // Heap: the 200 random images (120 MB) and the predictions; at most ~175 MB survive a collection, so 512 MB
    // with a 16 MB young generation (measured with -Xlog:gc; the batches reuse one buffer, so little garbage).
    if (BenchLauncher.relaunch(BenchMobileNet.class, args, "512m", "16m")) {
      return; // ran in a JVM of its own, so that the peak RSS printed is the benchmark's alone
    }
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Model mobile = MobileNet.create(new MobileNet.Options().weights((String) null));
    BatchSource images = new RandomImages(n, 224, 10);

    mobile.predict(images, new PredictOptions());
    long t0 = System.nanoTime();
    mobile.predict(images, new PredictOptions());
    double predict = n / ((System.nanoTime() - t0) / 1e9);

    try (Model tuned = Ep17FineTuneMobileNet.fineTuned(mobile)) {
      tuned.compile(new io.github.keras4j.optimizers.Adam(0.0001), "categorical_crossentropy", "accuracy");
      tuned.fit(images, new FitOptions().epochs(1).verbose(0));
      t0 = System.nanoTime();
      tuned.fit(images, new FitOptions().epochs(1).verbose(0));
      double finetune = n / ((System.nanoTime() - t0) / 1e9);
      System.out.printf(Locale.ROOT, "workload: MobileNet alpha 1.0, 224x224x3, batch 10, %d images per pass%n", n);
      System.out.printf(Locale.ROOT, "fine-tune (last 23 layers trainable): %.1f img/s%n", finetune);
      System.out.printf(Locale.ROOT, "inference: %.1f img/s%n", predict);
      System.out.printf(Locale.ROOT, "peak RSS: %s%n", BenchAnn.peakRss());
      System.out.printf(Locale.ROOT, "peak_rss_mb=%d%n", BenchAnn.peakRssMb());
      System.out.printf(Locale.ROOT, "mobilenet_finetune_img_per_s=%.1f%n", finetune);
      System.out.printf(Locale.ROOT, "mobilenet_predict_img_per_s=%.1f%n", predict);
    }
  }

  /**
   * Random images in [-1, 1] with one-hot labels over 10 classes, generated once; each batch is copied into the
   * same two arrays (a {@link BatchSource} may reuse them), as the image iterators and in-memory arrays do.
   */
  static final class RandomImages implements BatchSource {
    private final int n;
    private final int size;
    private final int batch;
    private final float[] x;
    private final float[] y;
    private final float[] xBatch;
    private final float[] yBatch;

    RandomImages(int n, int size, int batch) {
      this.n = n;
      this.size = size;
      this.batch = batch;
      SplittableRandom random = new SplittableRandom(Course.SEED);
      x = new float[n * size * size * 3];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (random.nextDouble() * 2 - 1);
      }
      y = new float[n * 10];
      for (int i = 0; i < n; i++) {
        y[i * 10 + i % 10] = 1;
      }
      xBatch = new float[batch * size * size * 3];
      yBatch = new float[batch * 10];
    }

    @Override
    public int size() {
      return n;
    }

    @Override
    public int batchSize() {
      return batch;
    }

    @Override
    public long[] sampleShape() {
      return new long[] {size, size, 3};
    }

    @Override
    public int labelSize() {
      return 10;
    }

    @Override
    public boolean integerLabels() {
      return false;
    }

    @Override
    public void onEpochBegin(int epoch) {}

    @Override
    public Batch batch(int step) {
      int from = step * batch;
      int count = Math.min(batch, n - from);
      int sample = size * size * 3;
      System.arraycopy(x, from * sample, xBatch, 0, count * sample);
      System.arraycopy(y, from * 10, yBatch, 0, count * 10);
      return new Batch(count, xBatch, yBatch);
    }
  }
}
