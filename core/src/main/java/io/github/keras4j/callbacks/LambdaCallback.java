package io.github.keras4j.callbacks;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A callback built from lambdas, as Keras's {@code LambdaCallback}: set only the hooks you need.
 *
 * <pre>{@code
 * new LambdaCallback().onEpochEnd((epoch, logs) -> System.out.println(epoch + " " + logs.get("loss")));
 * }</pre>
 */
public final class LambdaCallback implements Callback {
  private BiConsumer<Integer, Map<String, Double>> epochBegin = (e, l) -> {};
  private BiConsumer<Integer, Map<String, Double>> epochEnd = (e, l) -> {};
  private BiConsumer<Integer, Map<String, Double>> batchBegin = (b, l) -> {};
  private BiConsumer<Integer, Map<String, Double>> batchEnd = (b, l) -> {};
  private Consumer<Map<String, Double>> trainBegin = l -> {};
  private Consumer<Map<String, Double>> trainEnd = l -> {};

  /** Creates a callback that does nothing until hooks are set. */
  public LambdaCallback() {}

  /** Sets Keras's {@code on_epoch_begin(epoch, logs)}. */
  public LambdaCallback onEpochBegin(BiConsumer<Integer, Map<String, Double>> hook) {
    this.epochBegin = java.util.Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** Sets Keras's {@code on_epoch_end(epoch, logs)}. */
  public LambdaCallback onEpochEnd(BiConsumer<Integer, Map<String, Double>> hook) {
    this.epochEnd = java.util.Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** Sets Keras's {@code on_train_batch_begin(batch, logs)}. */
  public LambdaCallback onBatchBegin(BiConsumer<Integer, Map<String, Double>> hook) {
    this.batchBegin = java.util.Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** Sets Keras's {@code on_train_batch_end(batch, logs)}. */
  public LambdaCallback onBatchEnd(BiConsumer<Integer, Map<String, Double>> hook) {
    this.batchEnd = java.util.Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** Sets Keras's {@code on_train_begin(logs)}. */
  public LambdaCallback onTrainBegin(Consumer<Map<String, Double>> hook) {
    this.trainBegin = java.util.Objects.requireNonNull(hook, "hook");
    return this;
  }

  /** Sets Keras's {@code on_train_end(logs)}. */
  public LambdaCallback onTrainEnd(Consumer<Map<String, Double>> hook) {
    this.trainEnd = java.util.Objects.requireNonNull(hook, "hook");
    return this;
  }

  @Override
  public void onEpochBegin(int epoch, Map<String, Double> logs) {
    epochBegin.accept(epoch, logs);
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    epochEnd.accept(epoch, logs);
  }

  @Override
  public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
    batchBegin.accept(batch, logs);
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    batchEnd.accept(batch, logs);
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    trainBegin.accept(logs);
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    trainEnd.accept(logs);
  }
}
