package io.github.keras4j.examples;

import io.github.keras4j.models.Model;
import io.github.keras4j.spark.KerasPredictor;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Distributed inference on Spark: scores the Dogs-vs-Cats images of the shared data with MobileNet (ImageNet
 * weights: Keras's cache, {@code --weights <h5>}, or the shared alpha-0.25 file) on {@code local[*]}, and writes a
 * Parquet table of file, ImageNet label and probability to {@code target/spark-predictions.parquet}.
 *
 * <p>Run: {@code ./mvnw -q -pl spark-examples -am compile exec:java -Depisode="ExSparkPredict [folder] [--master local[2]]"}.
 */
public final class ExSparkPredict {
  private ExSparkPredict() {}

  /** Runs the example. */
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    Path images = SharedData.find("dogs-vs-cats", args.positional().length > 0 ? args.positional()[0] : null, "ExSparkPredict");
    if (images == null) {
      return;
    }
    MobileNets.Loaded mobile = MobileNets.load(args);
    if (mobile == null) {
      return;
    }
    Path out = Path.of("target", "spark-predictions.parquet");
    SparkSession spark = SparkLocal.start(args.option("master", "local[*]"), "keras4j-ExSparkPredict");
    try (Model model = mobile.model()) {
      Dataset<Row> files = spark.read().format("binaryFile").option("pathGlobFilter", "*.jpg")
          .load(images.toAbsolutePath().toString());
      long t0 = System.nanoTime();
      Dataset<Row> scored = new KerasPredictor()
          .setModel(model)
          .setInputCol("content")
          .setPreprocess("tf")
          .setInterpolation("bilinear")
          .setBatchSize(32)
          .setPredictionCol("class")
          .setLabelCol("label")
          .transform(files)
          .select(functions.col("path").as("file"), functions.col("label"),
              functions.array_max(functions.col("output")).as("probability"));
      scored.write().mode("overwrite").parquet(out.toAbsolutePath().toString());
      double seconds = (System.nanoTime() - t0) / 1e9;
      Dataset<Row> table = spark.read().parquet(out.toAbsolutePath().toString());
      long n = table.count();
      System.out.printf("Scored %d images in %.1f s (%.0f images/s) with MobileNet %dx%d; wrote %s%n", n, seconds,
          n / seconds, mobile.size(), mobile.size(), out);
      table.orderBy("file").show(10, false);
      table.groupBy("label").count().orderBy(functions.desc("count")).show(10, false);
    } finally {
      spark.stop();
    }
  }
}
