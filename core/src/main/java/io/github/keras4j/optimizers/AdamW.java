package io.github.keras4j.optimizers;

import java.util.Map;

/**
 * Adam with decoupled weight decay, as Keras 3's {@code keras.optimizers.AdamW}: before each Adam update,
 * {@code w <- w - w * weight_decay * lr}. Defaults: learning rate 0.001, weight decay 0.004, beta1 0.9,
 * beta2 0.999, epsilon 1e-7, amsgrad false.
 *
 * <pre>{@code
 * model.compile(new AdamW(0.001, 0.01), "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
public class AdamW extends Adam {
  /** Creates AdamW with Keras's defaults. */
  public AdamW() {
    this(0.001, 0.004);
  }

  /** Creates AdamW with this learning rate and weight decay and Keras's other defaults. */
  public AdamW(double learningRate, double weightDecay) {
    this(learningRate, weightDecay, 0.9, 0.999, 1e-7, false);
  }

  /**
   * Creates AdamW.
   *
   * @throws IllegalArgumentException for a bad hyperparameter (named in the message)
   */
  public AdamW(double learningRate, double weightDecay, double beta1, double beta2, double epsilon,
      boolean amsgrad) {
    super("AdamW", learningRate, beta1, beta2, epsilon, amsgrad);
    weightDecay(weightDecay);
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = super.getConfig();
    config.remove("decay");
    return config;
  }
}
