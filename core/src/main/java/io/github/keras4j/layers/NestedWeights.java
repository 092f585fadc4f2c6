package io.github.keras4j.layers;

import java.util.List;
import java.util.Map;

/**
 * Implemented by layers whose weights Keras 3 saves below sub-objects rather than in the layer's own
 * {@code vars} group: recurrent layers keep theirs in {@code layers/lstm/cell/vars}, Bidirectional in
 * {@code forward_layer/cell/vars} and {@code backward_layer/cell/vars}, TimeDistributed in {@code layer/vars}.
 * The {@code .keras} / {@code .weights.h5} writer and reader use it; legacy {@code .h5} files are unaffected.
 *
 * <pre>{@code
 * Map<String, List<Weight>> groups = lstm.keras3VariableGroups(); // {"cell": [kernel, recurrent_kernel, bias]}
 * }</pre>
 */
public interface NestedWeights {
  /**
   * Returns, in file order, each path relative to the layer's group (without the trailing {@code /vars}) and the
   * weights stored there in Keras's order.
   */
  Map<String, List<Weight>> keras3VariableGroups();
}
