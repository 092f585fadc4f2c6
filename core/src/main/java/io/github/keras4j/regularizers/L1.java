package io.github.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;

/** The L1 penalty, as Keras's {@code L1}: {@code l1 * sum(|x|)}; default {@code l1 = 0.01}. */
public final class L1 extends L1L2 {
  /** Creates {@code L1(l1=0.01)}. */
  public L1() {
    this(0.01);
  }

  /** Creates the regularizer with this factor ({@code >= 0}). */
  public L1(double l1) {
    super(l1, 0);
  }

  @Override
  public String className() {
    return "L1";
  }

  @Override
  public Map<String, Object> getConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("l1", l1());
    return config;
  }
}
