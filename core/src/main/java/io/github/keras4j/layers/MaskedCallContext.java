package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * A {@link CallContext} for one layer call that carries the masks of that call's inputs and delegates everything
 * else to the compile-wide context. The forward path of a model wraps its context with
 * {@link #of(CallContext, List)} before each layer call.
 *
 * <pre>{@code
 * CallContext call = MaskedCallContext.of(ctx, masks);
 * Operand<TFloat32> y = layer.call(tf, inputs, call);
 * Operand<TBool> mask = layer.computeMask(tf, inputs, masks);
 * }</pre>
 */
public final class MaskedCallContext implements CallContext {
  private final CallContext base;
  private final List<Operand<TBool>> masks;

  private MaskedCallContext(CallContext base, List<Operand<TBool>> masks) {
    this.base = base;
    this.masks = masks;
  }

  /**
   * Returns {@code base} itself when no input has a mask, otherwise a context whose {@link #inputMasks()} are
   * {@code masks}.
   *
   * @param base the compile-wide context
   * @param masks one entry per input of the call (null where an input has none)
   */
  public static CallContext of(CallContext base, List<Operand<TBool>> masks) {
    requireNonNull(base, "base");
    if (masks == null || masks.stream().allMatch(m -> m == null)) {
      return base instanceof MaskedCallContext m ? m.base : base;
    }
    CallContext root = base instanceof MaskedCallContext m ? m.base : base;
    return new MaskedCallContext(root, Collections.unmodifiableList(new ArrayList<>(masks)));
  }

  @Override
  public boolean training() {
    return base.training();
  }

  @Override
  public Operand<TFloat32> read(Weight weight) {
    return base.read(weight);
  }

  @Override
  public long nextSeed() {
    return base.nextSeed();
  }

  @Override
  public void addUpdate(Weight weight, Operand<TFloat32> newValue) {
    base.addUpdate(weight, newValue);
  }

  @Override
  public Operand<TBool> inputMask() {
    return masks.isEmpty() ? null : masks.get(0);
  }

  @Override
  public List<Operand<TBool>> inputMasks() {
    return masks;
  }
}
