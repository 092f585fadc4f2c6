package io.github.keras4j.examples;

import java.util.List;

/**
 * Lists the Spark examples and benchmark and runs one by name, as {@link Tour} does for the course.
 *
 * <pre>
 * ./mvnw -q -pl spark-examples -am compile exec:java                            # list them
 * ./mvnw -q -pl spark-examples -am compile exec:java -Depisode=ExSparkTrain     # run one (also "exsparkt")
 * </pre>
 *
 * <p>They live in their own module so that Spark's jars are on the class path of these examples only, not of the
 * course's episodes and the other benchmarks.
 */
public final class SparkTour {
  /** The Spark examples, then the benchmark. */
  public static final List<Tour.Episode> EPISODES =
      List.of(
          new Tour.Episode("ExSparkPredict", "MobileNet scores the Dogs-vs-Cats images on Spark; a Parquet table",
              ExSparkPredict::main),
          new Tour.Episode("ExSparkTrain", "the course ANN trained data-parallel on Spark local[2] vs one machine",
              ExSparkTrain::main),
          new Tour.Episode("BenchSpark", "benchmark: Spark inference rows/s and images/s, data-parallel training",
              BenchSpark::main));

  private SparkTour() {}

  /** With no argument lists the Spark examples; otherwise runs the one named by the first argument. */
  public static void main(String[] args) throws Exception {
    Tour.run("Keras4J on Spark — the Spark examples and benchmark.", EPISODES, args);
  }
}
