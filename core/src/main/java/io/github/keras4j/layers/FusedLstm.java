package io.github.keras4j.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.nn.BlockLSTM;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The fast path of {@link LSTM}: TensorFlow's fused {@code BlockLSTMV2} kernel runs all time steps in one op
 * (gate layout {@code i, f, c, o}, as Keras), with its gradient {@code BlockLSTMGradV2} registered as a custom
 * gradient (TF Java 1.1.0 has none registered). Used when the LSTM has Keras's default activations (tanh and
 * sigmoid), no input mask and no dropout in the current flavour; the unrolled loop of {@link Recurrent} covers the
 * rest. It also handles a number of time steps unknown until run time, and initial and final states (Keras's
 * {@code initial_state} and {@code return_state}: the op's {@code cs_prev}/{@code h_prev} inputs and the last step
 * of its {@code cs}/{@code h} outputs). Set the system property
 * {@code keras4j.rnn.fused=false} to force the unrolled loop (for comparisons).
 */
final class FusedLstm {
  /** Whether the fused path may run (system property {@code keras4j.rnn.fused}; tests switch it off). */
  static volatile boolean enabled = !"false".equals(System.getProperty("keras4j.rnn.fused"));

  static {
    TensorFlow.registerCustomGradient(BlockLSTM.Inputs.class, FusedLstm::gradient);
  }

  private FusedLstm() {}

  /** Returns whether the fused kernel can run this layer in this call. */
  static boolean applies(LSTM layer, boolean masked, boolean training) {
    return enabled && !masked
        && layer.activation().name().equals("tanh") && layer.recurrentActivationName().equals("sigmoid")
        && !(training && (layer.dropout() > 0 || layer.recurrentDropout() > 0));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Operand<?>> gradient(Ops tf, BlockLSTM.Inputs inputs, List<Output<?>> grads) {
    BlockLSTM<TFloat32> op = (BlockLSTM<TFloat32>) inputs.getOutputs();
    Operand<TFloat32> csGrad = grads.get(1) != null ? (Operand<TFloat32>) grads.get(1) : tf.zerosLike(op.cs());
    Operand<TFloat32> hGrad = grads.get(6) != null ? (Operand<TFloat32>) grads.get(6) : tf.zerosLike(op.h());
    var g = tf.nn.blockLSTMGrad(inputs.seqLenMax, (Operand<TFloat32>) inputs.x, (Operand<TFloat32>) inputs.csPrev,
        (Operand<TFloat32>) inputs.hPrev, (Operand<TFloat32>) inputs.w, (Operand<TFloat32>) inputs.wci,
        (Operand<TFloat32>) inputs.wcf, (Operand<TFloat32>) inputs.wco, (Operand<TFloat32>) inputs.b, op.i(),
        op.cs(), op.f(), op.o(), op.ci(), op.co(), op.h(), csGrad, hGrad, inputs.usePeephole);
    List<Operand<?>> out = new ArrayList<>();
    out.add(tf.zerosLike(inputs.seqLenMax));
    out.add(g.xGrad());
    out.add(g.csPrevGrad());
    out.add(g.hPrevGrad());
    out.add(g.wGrad());
    out.add(g.wciGrad());
    out.add(g.wcfGrad());
    out.add(g.wcoGrad());
    out.add(g.bGrad());
    return out;
  }

  /**
   * Runs the layer over {@code x} {@code (batch, steps, features)} from the initial states {@code [h, c]} (empty:
   * zeros); returns the output (in iteration order, as Keras) followed by the final {@code h} and {@code c}.
   */
  static List<Operand<TFloat32>> run(Ops tf, LSTM layer, Operand<TFloat32> x, CallContext ctx, boolean backwards,
      List<Operand<TFloat32>> initial) {
    int units = layer.units();
    Operand<TFloat32> xt = tf.linalg.transpose(x, tf.constant(new int[] {1, 0, 2}));
    if (backwards) {
      xt = tf.reverse(xt, tf.constant(new int[] {0}));
    }
    Operand<TInt32> shape = tf.shape(xt);
    Operand<TInt32> steps = tf.stridedSlice(shape, tf.constant(new int[] {0}), tf.constant(new int[] {1}),
        tf.constant(new int[] {1}), StridedSlice.shrinkAxisMask(1L));
    Operand<TInt32> batch = tf.stridedSlice(shape, tf.constant(new int[] {1}), tf.constant(new int[] {2}),
        tf.constant(new int[] {1}));
    Operand<TInt64> seqLen = tf.dtypes.cast(steps, TInt64.class);
    Operand<TFloat32> hPrev;
    Operand<TFloat32> cPrev;
    if (initial.isEmpty()) {
      hPrev = tf.fill(tf.concat(List.of(batch, tf.constant(new int[] {units})), tf.constant(0)), tf.constant(0f));
      cPrev = hPrev;
    } else {
      hPrev = initial.get(0);
      cPrev = initial.get(1);
    }
    Operand<TFloat32> w = tf.concat(List.of(ctx.read(layer.kernel()), ctx.read(layer.recurrentKernel())),
        tf.constant(0));
    Operand<TFloat32> peephole = tf.fill(tf.constant(new int[] {units}), tf.constant(0f));
    Operand<TFloat32> b = layer.bias() != null
        ? ctx.read(layer.bias()) : tf.fill(tf.constant(new int[] {4 * units}), tf.constant(0f));
    BlockLSTM<TFloat32> op = tf.nn.blockLSTM(seqLen, xt, cPrev, hPrev, w, peephole, peephole, peephole, b);
    Operand<TFloat32> h = op.h();
    Operand<TInt32> last = tf.math.sub(steps, tf.constant(1));
    Operand<TFloat32> hLast = tf.gather(h, last, tf.constant(0));
    List<Operand<TFloat32>> out = new ArrayList<>();
    out.add(layer.returnSequences() ? tf.linalg.transpose(h, tf.constant(new int[] {1, 0, 2})) : hLast);
    out.add(hLast);
    out.add(tf.gather(op.cs(), last, tf.constant(0)));
    return out;
  }
}
