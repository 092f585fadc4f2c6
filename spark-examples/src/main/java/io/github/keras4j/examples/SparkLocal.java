package io.github.keras4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A local Spark session for the Spark examples: no web UI, warnings only. */
final class SparkLocal {
  private SparkLocal() {}

  static SparkSession start(String master, String app) {
    SparkSession spark = SparkSession.builder()
        .master(master)
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    return spark;
  }

  /**
   * The course's scaled training samples as a table of {@code features} (an array of one float) and {@code label}
   * (an int), one row per sample, for {@link io.github.keras4j.spark.SparkTrainer}.
   */
  static Dataset<Row> courseTrainTable(SparkSession spark, Course.Prepared data) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.trainLabels().length; i++) {
      rows.add(RowFactory.create(List.of(data.scaledTrainSamples()[i][0]), data.trainLabels()[i]));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("features", DataTypes.createArrayType(DataTypes.FloatType), false),
        DataTypes.createStructField("label", DataTypes.IntegerType, false)));
    return spark.createDataFrame(rows, schema);
  }
}
