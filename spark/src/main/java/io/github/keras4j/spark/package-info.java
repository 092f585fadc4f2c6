/**
 * Keras4J on Apache Spark: {@link io.github.keras4j.spark.KerasPredictor}, a Spark ML {@code Transformer} that
 * scores a {@code Dataset} with a saved Keras model, and {@link io.github.keras4j.spark.SparkTrainer}, synchronous
 * data-parallel training with parameter averaging.
 *
 * <p>A model travels as the bytes of a Keras file ({@code .keras} or {@code .h5}), is broadcast once and loaded
 * once per executor JVM ({@link io.github.keras4j.spark.ModelCache}). Spark is a {@code provided} dependency: the
 * cluster brings it.
 */
package io.github.keras4j.spark;
