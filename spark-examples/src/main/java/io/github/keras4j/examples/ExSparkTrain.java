package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.spark.SparkTrainer;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Data-parallel training on Spark: the course's ANN (episodes 2–5) trained on {@code local[2]} — two workers, one
 * shard each, parameters and Adam's state averaged every epoch — next to the same model trained on one machine
 * with {@code Model.fit}. Prints both validation and test accuracies.
 *
 * <p>Run: {@code ./mvnw -q -pl spark-examples -am compile exec:java -Depisode="ExSparkTrain [--epochs 30]"}.
 */
public final class ExSparkTrain {
  private ExSparkTrain() {}

  /** Runs the example. */
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int epochs = args.integer("epochs", 30);
    Course.Prepared data = Course.prepareData();
    FitOptions options = new FitOptions().batchSize(10).epochs(epochs).validationSplit(0.1).shuffle(true)
        .verbose(0).seed(Course.SEED);

    Keras.setRandomSeed(Course.SEED);
    double singleVal;
    double singleTest;
    try (Sequential single = Course.buildCompiledModel()) {
      long t0 = System.nanoTime();
      History h = single.fit(data.scaledTrainSamples(), data.trainLabels(), options);
      singleVal = last(h, "val_accuracy");
      singleTest = single.evaluate(data.scaledTestSamples(), data.testLabels(), new EvaluateOptions().verbose(0))
          .get("accuracy");
      System.out.printf("one machine  : %d epochs in %.1f s, val_accuracy %.4f, test accuracy %.4f%n", epochs,
          (System.nanoTime() - t0) / 1e9, singleVal, singleTest);
    }

    SparkSession spark = SparkLocal.start(args.option("master", "local[2]"), "keras4j-ExSparkTrain");
    try {
      Dataset<Row> table = SparkLocal.courseTrainTable(spark, data).repartition(2);
      Keras.setRandomSeed(Course.SEED);
      try (Sequential model = Course.buildCompiledModel()) {
        // Each of the 2 workers makes half the steps of an epoch: twice the epochs give the same number of updates.
        int sparkEpochs = epochs * 2;
        System.out.printf("Spark: %d epochs on 2 workers = the optimizer updates of %d single-machine epochs%n",
            sparkEpochs, epochs);
        long t0 = System.nanoTime();
        History h = SparkTrainer.fit(model, table, "features", "label", options.epochs(sparkEpochs).verbose(2));
        double test = model.evaluate(data.scaledTestSamples(), data.testLabels(), new EvaluateOptions().verbose(0))
            .get("accuracy");
        System.out.printf("Spark local[2]: %d epochs in %.1f s, val_accuracy %.4f, test accuracy %.4f%n", sparkEpochs,
            (System.nanoTime() - t0) / 1e9, last(h, "val_accuracy"), test);
        System.out.printf("one machine   : val_accuracy %.4f, test accuracy %.4f%n", singleVal, singleTest);
      }
    } finally {
      spark.stop();
    }
  }

  private static double last(History h, String key) {
    List<Double> values = h.get(key);
    return values.get(values.size() - 1);
  }
}
