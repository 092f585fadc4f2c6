package io.github.keras4j.models;

import io.github.keras4j.layers.CallContext;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Node;
import io.github.keras4j.layers.Weight;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * The one forward path of every model, functional or Sequential (Keras's {@code Functional._run_through_graph}):
 * runs the graph's nodes in order, each layer on its inbound tensors. For every call it collects the masks of the
 * inbound tensors, hands them to the layer through the call's {@link CallContext}, calls the layer and records
 * {@link Layer#computeMask} as the mask of the output. A nested model runs through this same path.
 */
final class GraphRunner {
  private GraphRunner() {}

  /** The outputs of a run and their masks (null entries where an output carries none). */
  record Result(List<Operand<TFloat32>> outputs, List<Operand<TBool>> masks) {}

  /**
   * Runs {@code graph} on {@code xs}.
   *
   * @param inputMasks one mask (or null) per input; empty for a top-level model, whose inputs carry no mask
   */
  static Result run(
      FunctionalGraph graph, Ops tf, List<Operand<TFloat32>> xs, List<Operand<TBool>> inputMasks,
      CallContext ctx) {
    if (xs.size() != graph.inputs.size()) {
      throw new IllegalArgumentException(
          "The model expects " + graph.inputs.size() + " input(s), but it was called on " + xs.size() + ".");
    }
    Map<KerasTensor, Operand<TFloat32>> values = new IdentityHashMap<>();
    Map<KerasTensor, Operand<TBool>> masks = new IdentityHashMap<>();
    for (int i = 0; i < xs.size(); i++) {
      values.put(graph.inputs.get(i), xs.get(i));
      if (i < inputMasks.size() && inputMasks.get(i) != null) {
        masks.put(graph.inputs.get(i), inputMasks.get(i));
      }
    }
    for (Node node : graph.nodes) {
      if (node.inputs().isEmpty()) {
        continue;
      }
      List<Operand<TFloat32>> args = new ArrayList<>();
      List<Operand<TBool>> argMasks = new ArrayList<>();
      for (KerasTensor in : node.inputs()) {
        args.add(values.get(in));
        argMasks.add(masks.get(in));
      }
      Layer layer = node.layer();
      CallContext callCtx = new MaskedContext(ctx, argMasks);
      List<KerasTensor> produced = node.outputs();
      List<Operand<TFloat32>> outs = layer.callOutputs(tf, args, callCtx);
      List<Operand<TBool>> outMasks = layer.computeMasks(tf, args, argMasks);
      if (outs.size() != produced.size()) {
        throw new IllegalStateException(
            "Layer '" + layer.name() + "' returned " + outs.size() + " tensors, but its call was recorded with "
                + produced.size() + " outputs; outputCount(), computeOutputShapes() and callOutputs() must agree.");
      }
      layer.addActivityLoss(tf, outs.get(0), callCtx);
      for (int i = 0; i < outs.size(); i++) {
        values.put(produced.get(i), outs.get(i));
        Operand<TBool> mask = outMasks != null && i < outMasks.size() ? outMasks.get(i) : null;
        if (mask != null) {
          masks.put(produced.get(i), mask);
        }
      }
    }
    List<Operand<TFloat32>> outs = new ArrayList<>();
    List<Operand<TBool>> outMasks = new ArrayList<>();
    for (KerasTensor t : graph.outputs) {
      outs.add(values.get(t));
      outMasks.add(masks.get(t));
    }
    return new Result(outs, Collections.unmodifiableList(outMasks));
  }

  /** The context of one layer call: the model's context plus the masks of this call's inputs. */
  private static final class MaskedContext implements CallContext {
    private final CallContext delegate;
    private final List<Operand<TBool>> masks;

    MaskedContext(CallContext delegate, List<Operand<TBool>> masks) {
      this.delegate = delegate;
      this.masks = Collections.unmodifiableList(new ArrayList<>(masks));
    }

    @Override
    public boolean training() {
      return delegate.training();
    }

    @Override
    public Operand<TFloat32> read(Weight weight) {
      return delegate.read(weight);
    }

    @Override
    public long nextSeed() {
      return delegate.nextSeed();
    }

    @Override
    public void addUpdate(Weight weight, Operand<TFloat32> newValue) {
      delegate.addUpdate(weight, newValue);
    }

    @Override
    public void addLoss(Operand<TFloat32> loss) {
      delegate.addLoss(loss);
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
}
