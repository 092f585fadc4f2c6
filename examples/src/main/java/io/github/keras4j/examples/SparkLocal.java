package io.github.keras4j.examples;

import org.apache.spark.sql.SparkSession;

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
}
