package io.github.keras4j.examples;

import io.github.keras4j.callbacks.Callback;
import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.FlowOptions;
import io.github.keras4j.data.image.ImageBatch;
import io.github.keras4j.models.BatchSource;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;

/**
 * Benchmark of the episode-10 CNN (224×224×3, batch 10) on the organized Dogs-vs-Cats images: the input pipeline
 * alone (decode + resize + VGG16 preprocessing), the same with episode 18's augmentation (decode + resize + random
 * rotation/shift/shear/zoom/channel shift/flip + VGG16 preprocessing), training and prediction on pre-loaded
 * tensors, and training straight from the {@link DirectoryIterator}, plain and augmenting. The last lines are
 * machine-readable: {@code cnn_train_img_per_s}, {@code cnn_predict_img_per_s}, {@code pipeline_img_per_s},
 * {@code augmented_pipeline_img_per_s}, {@code cnn_iterator_train_img_per_s},
 * {@code cnn_augmented_iterator_train_img_per_s}.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:java -Depisode=BenchCnn}.
 */
public final class BenchCnn {
  private BenchCnn() {}

  /**
   * Runs the benchmark.
   *
   * @param args optional: the Dogs-vs-Cats folder, the output folder, the number of pre-loaded images (200)
   */
  public static void main(String[] args) throws Exception {
    // Heap: the 200 pre-loaded images (120 MB) and the iterators' batches; at most ~175 MB survive a full
    // collection, so 384 MB leaves twice that (measured with -Xlog:gc). A 16 MB young generation: the batches are
    // pooled, so little garbage is made per step, and every page of the young generation is resident.
    if (BenchLauncher.relaunch(BenchCnn.class, args, "384m", "16m")) {
      return; // ran in a JVM of its own, so that the peak RSS printed is the benchmark's alone
    }
    Path data = DogsVsCats.organize(args);
    if (data == null) {
      return;
    }
    int preloaded = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    DogsVsCats.Batches batches = DogsVsCats.batches(data, DogsVsCats.outputDir(args));
    DirectoryIterator train = batches.train();

    // 1. The pipeline alone: one epoch of batches, decoded, resized and preprocessed by the worker threads.
    train.onEpochBegin(0);
    long t0 = System.nanoTime();
    int images = 0;
    for (int step = 0; step < train.steps(); step++) {
      images += train.batch(step).size();
    }
    train.onEpochEnd(0);
    double pipeline = images / seconds(t0);

    // 1b. The pipeline with episode 18's augmentation in front of the preprocessing (what Ep10b trains on).
    DirectoryIterator augmented = Ep10bCnnWithAugmentation.augmentingGenerator().flowFromDirectory(
        data.resolve("train"), new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10)
            .seed(Course.SEED));
    augmented.onEpochBegin(0);
    t0 = System.nanoTime();
    int augmentedImages = 0;
    for (int step = 0; step < augmented.steps(); step++) {
      augmentedImages += augmented.batch(step).size();
    }
    augmented.onEpochEnd(0);
    double augmentedPipeline = augmentedImages / seconds(t0);

    // 2. Pre-loaded tensors: the same graph without the pipeline.
    FloatNdArray x = NdArrays.ofFloats(Shape.of(preloaded, 224, 224, 3));
    float[][] y = new float[preloaded][];
    train.reset();
    for (int filled = 0; filled < preloaded; ) {
      ImageBatch batch = train.next();
      for (int i = 0; i < batch.size() && filled < preloaded; i++, filled++) {
        batch.images().get(i).copyTo(x.slice(Indices.at(filled)));
        y[filled] = batch.labels()[i];
      }
    }
    train.reset();
    try (Sequential cnn = Ep10TrainCnn.buildCnn()) {
      cnn.compile(new io.github.keras4j.optimizers.Adam(0.0001), "categorical_crossentropy", "accuracy");
      FitOptions options = new FitOptions().batchSize(10).epochs(1).verbose(0).seed(Course.SEED);
      cnn.fit(x, y, options);
      t0 = System.nanoTime();
      cnn.fit(x, y, new FitOptions().batchSize(10).epochs(2).verbose(0).seed(Course.SEED));
      double trainPreloaded = 2.0 * preloaded / seconds(t0);

      cnn.predict(x, new PredictOptions().batchSize(10));
      t0 = System.nanoTime();
      cnn.predict(x, new PredictOptions().batchSize(10));
      cnn.predict(x, new PredictOptions().batchSize(10));
      double predict = 2.0 * preloaded / seconds(t0);

      // 3. Training from the iterator (decode in the background while the two cores train).
      long[] epochEnd = new long[1];
      Callback timer =
          new Callback() {
            @Override
            public void onEpochEnd(int epoch, Map<String, Double> logs) {
              epochEnd[0] = System.nanoTime();
            }
          };
      t0 = System.nanoTime();
      cnn.fit((BatchSource) train, new FitOptions().epochs(1).verbose(0).callbacks(timer));
      double trainIterator = train.size() / ((epochEnd[0] - t0) / 1e9);

      // 4. Training from the augmenting iterator: augmentation shares the two cores with training.
      t0 = System.nanoTime();
      cnn.fit((BatchSource) augmented, new FitOptions().epochs(1).verbose(0).callbacks(timer));
      double trainAugmented = augmented.size() / ((epochEnd[0] - t0) / 1e9);

      System.out.printf(Locale.ROOT, "workload: ep10 CNN (420,802 params), 224x224x3, batch 10%n");
      System.out.printf(Locale.ROOT, "pipeline (decode+resize+preprocess, %d images): %.1f img/s%n", images, pipeline);
      System.out.printf(Locale.ROOT, "augmented pipeline (decode+resize+augment+preprocess, %d images): %.1f img/s%n",
          augmentedImages, augmentedPipeline);
      System.out.printf(Locale.ROOT, "train on %d pre-loaded images: %.1f img/s%n", preloaded, trainPreloaded);
      System.out.printf(Locale.ROOT, "train from the DirectoryIterator (%d images): %.1f img/s (%.0f%% of"
          + " pre-loaded)%n", train.size(), trainIterator, 100 * trainIterator / trainPreloaded);
      System.out.printf(Locale.ROOT, "train from the augmenting DirectoryIterator (%d images): %.1f img/s (%.0f%% of"
          + " pre-loaded)%n", augmented.size(), trainAugmented, 100 * trainAugmented / trainPreloaded);
      System.out.printf(Locale.ROOT, "predict: %.1f img/s%n", predict);
      System.out.printf(Locale.ROOT, "pipeline / training throughput: %.1fx%n", pipeline / trainPreloaded);
      System.out.printf(Locale.ROOT, "augmented pipeline / training throughput: %.1fx%n",
          augmentedPipeline / trainPreloaded);
      System.out.printf(Locale.ROOT, "peak RSS: %s%n", BenchAnn.peakRss());
      System.out.printf(Locale.ROOT, "peak_rss_mb=%d%n", BenchAnn.peakRssMb());
      System.out.printf(Locale.ROOT, "cnn_train_img_per_s=%.1f%n", trainPreloaded);
      System.out.printf(Locale.ROOT, "cnn_predict_img_per_s=%.1f%n", predict);
      System.out.printf(Locale.ROOT, "pipeline_img_per_s=%.1f%n", pipeline);
      System.out.printf(Locale.ROOT, "augmented_pipeline_img_per_s=%.1f%n", augmentedPipeline);
      System.out.printf(Locale.ROOT, "cnn_iterator_train_img_per_s=%.1f%n", trainIterator);
      System.out.printf(Locale.ROOT, "cnn_augmented_iterator_train_img_per_s=%.1f%n", trainAugmented);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
