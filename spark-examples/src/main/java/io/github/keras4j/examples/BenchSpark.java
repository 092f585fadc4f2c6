package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.spark.KerasPredictor;
import io.github.keras4j.spark.ModelCache;
import io.github.keras4j.spark.SparkTrainer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark of the Spark module on {@code local[1]} and {@code local[2]}: inference rows/s of the course ANN on
 * 1,000,000 generated rows, MobileNet inference images/s on the shared Dogs-vs-Cats images (skipped without them),
 * and data-parallel training samples/s of the course ANN. Last lines: {@code spark_*=} figures and the scaling
 * factors from 1 to 2 cores.
 *
 * <p>Run: {@code ./mvnw -q -pl spark-examples -am compile exec:java -Depisode="BenchSpark [--rows 1000000]"}.
 */
public final class BenchSpark {
  private BenchSpark() {}

  /** Runs the benchmark. */
  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    int rows = args.integer("rows", 1_000_000);
    int images = args.integer("images", 400);
    Map<String, Double> figures = new LinkedHashMap<>();
    Keras.setRandomSeed(Course.SEED);
    byte[] ann;
    try (Sequential model = Course.buildCompiledModel()) {
      ann = model.toBytes("keras");
    }
    Path dogs = SharedData.find("dogs-vs-cats", null, "BenchSpark");
    MobileNets.Loaded mobile = dogs == null ? null : MobileNets.load(args);
    byte[] mobileBytes = null;
    if (mobile != null) {
      try (Model m = mobile.model()) {
        mobileBytes = m.toBytes("keras");
      }
    }
    for (int cores : new int[] {1, 2}) {
      SparkSession spark = SparkLocal.start("local[" + cores + "]", "keras4j-BenchSpark");
      try {
        figures.put("spark_ann_predict_rows_per_s_local" + cores, annPredict(spark, ann, rows, cores));
        if (mobileBytes != null) {
          figures.put("spark_mobilenet_predict_img_per_s_local" + cores,
              mobilePredict(spark, mobileBytes, dogs, images, cores));
        }
        figures.put("spark_ann_train_samples_per_s_local" + cores, annTrain(spark, cores));
      } finally {
        spark.stop();
        ModelCache.clear();
      }
    }
    System.out.printf(Locale.ROOT, "peak RSS: %s%n", BenchAnn.peakRss());
    figures.forEach((k, v) -> System.out.printf(Locale.ROOT, "%s=%.1f%n", k, v));
    for (String base : List.of("spark_ann_predict_rows_per_s", "spark_mobilenet_predict_img_per_s",
        "spark_ann_train_samples_per_s")) {
      Double one = figures.get(base + "_local1");
      Double two = figures.get(base + "_local2");
      if (one != null && two != null) {
        System.out.printf(Locale.ROOT, "%s_scaling_1_to_2=%.2f%n", base, two / one);
      }
    }
  }

  private static double annPredict(SparkSession spark, byte[] model, int rows, int cores) {
    Dataset<Row> data = spark.range(0, rows, 1, cores * 2)
        .selectExpr("array(cast(rand(7) as float)) as features");
    KerasPredictor predictor = new KerasPredictor().setModel(model).setBatchSize(1024);
    predictor.transform(data.limit(10_000)).agg(functions.sum(functions.element_at(functions.col("output"), 1)))
        .collect();
    long t0 = System.nanoTime();
    predictor.transform(data).agg(functions.sum(functions.element_at(functions.col("output"), 1))).collect();
    double perSecond = rows / ((System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "local[%d] ANN inference: %,d rows, %.0f rows/s%n", cores, rows, perSecond);
    return perSecond;
  }

  private static double mobilePredict(SparkSession spark, byte[] model, Path dogs, int images, int cores) {
    Dataset<Row> files = spark.read().format("binaryFile").option("pathGlobFilter", "*.jpg")
        .load(dogs.toAbsolutePath().toString()).limit(images).repartition(cores * 2).cache();
    long n = files.count();
    KerasPredictor predictor = new KerasPredictor().setModel(model).setInputCol("content").setPreprocess("tf")
        .setBatchSize(16);
    predictor.transform(files.limit(16)).select("output").collect();
    long t0 = System.nanoTime();
    predictor.transform(files).select("output").collect();
    double perSecond = n / ((System.nanoTime() - t0) / 1e9);
    files.unpersist();
    System.out.printf(Locale.ROOT, "local[%d] MobileNet inference: %d images, %.1f images/s%n", cores, n, perSecond);
    return perSecond;
  }

  private static double annTrain(SparkSession spark, int cores) {
    Course.Prepared data = Course.prepareData();
    Dataset<Row> table = SparkLocal.courseTrainTable(spark, data).repartition(cores).cache();
    long n = table.count();
    int epochs = 10;
    Keras.setRandomSeed(Course.SEED);
    try (Sequential model = Course.buildCompiledModel()) {
      SparkTrainer.fit(model, table, "features", "label",
          new FitOptions().batchSize(10).epochs(1).verbose(0).seed(Course.SEED));
      long t0 = System.nanoTime();
      SparkTrainer.fit(model, table, "features", "label",
          new FitOptions().batchSize(10).epochs(epochs).verbose(0).seed(Course.SEED));
      double perSecond = n * epochs / ((System.nanoTime() - t0) / 1e9);
      System.out.printf(Locale.ROOT, "local[%d] ANN data-parallel training: %.0f samples/s%n", cores, perSecond);
      return perSecond;
    } finally {
      table.unpersist();
    }
  }
}
