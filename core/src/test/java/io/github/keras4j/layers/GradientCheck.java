package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * TensorFlow's gradient of {@code sum(layer(inputs) * R)} against central differences, for any number of inputs
 * and a chosen subset of the layer's weights (the others are read as constants of their current values). The
 * layer test kit checks every weight of one-input layers; this covers merge layers, and weights TensorFlow does
 * not differentiate by design (BatchNormalization's moving statistics).
 */
final class GradientCheck {
  private static final double EPS = 1e-3;
  private static final double RTOL = 1e-2;
  private static final double ATOL = 1e-3;

  private GradientCheck() {}

  /**
   * Checks up to {@code perTensor} coordinates of each input and of each weight in {@code wrt}.
   *
   * @param layer a built layer
   * @param inputs the input values, row-major, one array per input
   * @param shapes their concrete shapes, batch first
   */
  static void check(
      Layer layer, List<float[]> inputs, List<long[]> shapes, List<Weight> wrt, boolean training, long seed,
      int perTensor) {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Placeholder<TFloat32>> placeholders = new ArrayList<>();
      List<float[]> values = new ArrayList<>();
      List<long[]> valueShapes = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<Operand<TFloat32>> xs = new ArrayList<>();
      for (int i = 0; i < inputs.size(); i++) {
        Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shapes.get(i))));
        placeholders.add(p);
        xs.add(p);
        values.add(inputs.get(i));
        valueShapes.add(shapes.get(i));
        names.add("input " + i);
      }
      Map<Weight, Operand<TFloat32>> reads = new IdentityHashMap<>();
      for (Weight w : layer.weights()) {
        if (wrt.contains(w)) {
          Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(w.shape())));
          placeholders.add(p);
          values.add(w.read());
          valueShapes.add(w.shape());
          names.add(w.path());
          reads.put(w, p);
        } else {
          reads.put(w, tf.constant(Shape.of(w.shape()), DataBuffers.of(w.read(), true, false)));
        }
      }
      LayerTestKit.KitCallContext ctx = new LayerTestKit.KitCallContext(reads, training, seed);
      Operand<TFloat32> out = xs.size() == 1 ? layer.call(tf, xs.get(0), ctx) : layer.call(tf, xs, ctx);
      long[] outShape = out.shape().asArray();
      int n = 1;
      for (long d : outShape) {
        n *= (int) d;
      }
      double[] r = new Random(seed + 3).doubles(n, -1, 1).toArray();
      int[] axes = new int[outShape.length];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
      Operand<TFloat64> y = tf.sum(
          tf.math.mul(tf.dtypes.cast(out, TFloat64.class), tf.constant(Shape.of(outShape), DataBuffers.of(r, true, false))),
          tf.constant(axes));
      var grads = tf.gradients(y, placeholders);
      List<float[]> analytic = new ArrayList<>();
      List<Tensor> fed = new ArrayList<>();
      try {
        Session.Runner runner = session.runner();
        for (int i = 0; i < placeholders.size(); i++) {
          Tensor t = LayerTestKit.tensor(valueShapes.get(i), values.get(i));
          fed.add(t);
          runner.feed(placeholders.get(i), t);
          runner.fetch(grads.dy(i));
        }
        try (Result result = runner.run()) {
          for (int i = 0; i < placeholders.size(); i++) {
            analytic.add(LayerTestKit.floats((TFloat32) result.get(i)));
          }
        }
      } finally {
        fed.forEach(Tensor::close);
      }
      Random pick = new Random(seed + 5);
      for (int t = 0; t < placeholders.size(); t++) {
        float[] base = values.get(t);
        int[] coordinates = base.length <= perTensor
            ? java.util.stream.IntStream.range(0, base.length).toArray()
            : pick.ints(0, base.length).distinct().limit(perTensor).toArray();
        for (int c : coordinates) {
          double plus = evaluate(session, placeholders, values, valueShapes, y, t, c, (float) (base[c] + EPS));
          double minus = evaluate(session, placeholders, values, valueShapes, y, t, c, (float) (base[c] - EPS));
          double numeric = (plus - minus) / ((double) (float) (base[c] + EPS) - (double) (float) (base[c] - EPS));
          double exact = analytic.get(t)[c];
          double tolerance = RTOL * Math.max(Math.abs(numeric), Math.abs(exact)) + ATOL;
          if (!(Math.abs(numeric - exact) <= tolerance)) {
            fail("%s: d/d %s[%d] is %s by TensorFlow but %s by central differences", layer, names.get(t), c, exact,
                numeric);
          }
        }
      }
    }
  }

  private static double evaluate(
      Session session, List<Placeholder<TFloat32>> placeholders, List<float[]> values, List<long[]> shapes,
      Operand<TFloat64> y, int target, int coordinate, float value) {
    List<Tensor> fed = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (int i = 0; i < placeholders.size(); i++) {
        float[] v = values.get(i);
        if (i == target) {
          v = v.clone();
          v[coordinate] = value;
        }
        Tensor t = LayerTestKit.tensor(shapes.get(i), v);
        fed.add(t);
        runner.feed(placeholders.get(i), t);
      }
      try (Result result = runner.fetch(y).run()) {
        return ((TFloat64) result.get(0)).getDouble();
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }
}
