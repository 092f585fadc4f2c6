package io.github.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The L2 (weight decay) penalty, as Keras's {@code L2}: {@code l2 * sum(x^2)}; default {@code l2 = 0.01}.
 *
 * <pre>{@code
 * new Dense(64, "relu").kernelRegularizer(new L2(0.001));
 * }</pre>
 */
public final class L2 extends L1L2 {
  /** Creates {@code L2(l2=0.01)}. */
  public L2() {
    this(0.01);
  }

  /** Creates the regularizer with this factor ({@code >= 0}). */
  public L2(double l2) {
    super(0, l2);
  }

  @Override
  public String className() {
    return "L2";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("l2", l2());
    return config;
  }
}
