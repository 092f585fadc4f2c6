package io.github.keras4j.examples;

import io.github.keras4j.data.plot.Plots;
import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Episode 7 — the confusion matrix of the test predictions, printed as scikit-learn prints it and plotted as the
 * course's {@code plot_confusion_matrix} draws it ({@code <out>/ep07-confusion-matrix.png}).
 */
public final class Ep07ConfusionMatrix {
  private Ep07ConfusionMatrix() {}

  /** Runs the episode; the optional argument is the output folder (default {@code target}). */
  public static void main(String[] args) throws Exception {
    Path out = Course.outputDir(args);
    Course.Prepared data = Course.prepareData();
    try (Sequential model = Course.buildCompiledModel()) {
      Ep06Predict.trainQuietly(model, data);
      float[][] predictions =
          model.predict(data.scaledTestSamples(), new PredictOptions().batchSize(10).verbose(0));
      int[] roundedPredictions = ConfusionMatrix.argmax(predictions);
      ConfusionMatrix cm = ConfusionMatrix.of(data.testLabels(), roundedPredictions);
      System.out.println("Confusion matrix, without normalization");
      System.out.println(cm);
      System.out.printf(Locale.ROOT, "accuracy: %.4f (%d samples)%n", cm.accuracy(), cm.total());
      Path png = out.resolve("ep07-confusion-matrix.png");
      Plots.confusionMatrix(cm, List.of("no_side_effects", "had_side_effects"), "Confusion Matrix", png);
      System.out.println("Confusion matrix plot written to " + png);
    }
  }
}
