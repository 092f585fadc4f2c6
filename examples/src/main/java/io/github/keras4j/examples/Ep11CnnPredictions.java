package io.github.keras4j.examples;

import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.ImageBatch;
import io.github.keras4j.data.plot.Plots;
import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Episode 11 — predict with the CNN: trains it as episode 10 does, plots a test batch, predicts the 100 unshuffled
 * test images (rows in file order), and prints and plots the confusion matrix against {@code testBatches.classes()}.
 */
public final class Ep11CnnPredictions {
  private Ep11CnnPredictions() {}

  /**
   * Runs the episode.
   *
   * @param args optional: the Dogs-vs-Cats folder, the output folder (default {@code target}), the number of
   *     training epochs (default 10)
   */
  public static void main(String[] args) throws Exception {
    DogsVsCats.Batches batches = DogsVsCats.prepare(args);
    if (batches == null) {
      return;
    }
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    try (Sequential cnn = Ep10TrainCnn.buildCnn()) {
      Ep10TrainCnn.train(cnn, batches, epochs, 2);
      DirectoryIterator testBatches = batches.test();
      ImageBatch first = testBatches.next();
      testBatches.reset();
      Path batchPng = batches.out().resolve("ep11-test-batch.png");
      Plots.images(first.images(), first.labels(), batchPng);
      System.out.println("First test batch plotted to " + batchPng);
      System.out.println("test classes: " + Course.numpyInts(testBatches.classes()));

      float[][] predictions = cnn.predict(testBatches, new PredictOptions().verbose(0));
      int[] predicted = ConfusionMatrix.argmax(predictions);
      ConfusionMatrix cm = ConfusionMatrix.of(testBatches.classes(), predicted, testBatches.numClasses());
      System.out.println("class indices: " + testBatches.classIndices());
      printAndPlot(cm, testBatches.classIndices(), batches.out().resolve("ep11-confusion-matrix.png"));
    }
  }

  /**
   * Prints the test confusion matrix and accuracy and plots the matrix to {@code png}, as the course's image
   * episodes do (classes named and ordered by {@code classIndices}).
   */
  static void printAndPlot(ConfusionMatrix cm, Map<String, Integer> classIndices, Path png) throws IOException {
    System.out.println("Confusion matrix, without normalization");
    System.out.println(cm);
    System.out.printf(Locale.ROOT, "test accuracy: %.4f (%d images)%n", cm.accuracy(), cm.total());
    Plots.confusionMatrix(cm, classNames(classIndices), "Confusion Matrix", png);
    System.out.println("Confusion matrix plot written to " + png);
  }

  static List<String> classNames(Map<String, Integer> classIndices) {
    List<String> names = new ArrayList<>(classIndices.keySet());
    names.sort((a, b) -> Integer.compare(classIndices.get(a), classIndices.get(b)));
    return names;
  }
}
