package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keras4j.KerasContext;
import io.github.keras4j.initializers.Initializers;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Conv2DTranspose against numbers generated once outside Keras4J ({@code generate_conv2d_transpose.py} in the test
 * resources: the transpose of the forward convolution's matrix, with NumPy).
 */
class Conv2DTransposeReferenceTest {

  @SuppressWarnings("unchecked")
  static Stream<Map<String, Object>> cases() throws Exception {
    try (InputStream in = Conv2DTransposeReferenceTest.class.getResourceAsStream("conv2d_transpose_expected.json")) {
      Map<String, Object> root = new ObjectMapper().readValue(in, Map.class);
      return ((List<Map<String, Object>>) root.get("cases")).stream();
    }
  }

  private static int[] ints(Object list) {
    return ((List<?>) list).stream().mapToInt(v -> ((Number) v).intValue()).toArray();
  }

  private static float[] floats(Object list) {
    List<?> l = (List<?>) list;
    float[] out = new float[l.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = ((Number) l.get(i)).floatValue();
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheTransposedForwardMatrix(Map<String, Object> c) {
    try (var scope = KerasContext.isolated()) {
      int[] k = ints(c.get("kernel_size"));
      Conv2DTranspose layer = new Conv2DTranspose(((Number) c.get("filters")).intValue(), k)
          .strides(ints(c.get("strides"))).padding((String) c.get("padding"))
          .dilationRate(ints(c.get("dilation_rate"))).kernelInitializer(Initializers.zeros());
      if (c.get("output_padding") != null) {
        layer.outputPadding(ints(c.get("output_padding")));
      }
      int[] in = ints(c.get("input_shape"));
      long[] shape = {in[0], in[1], in[2], in[3]};
      Shape out = layer.ensureBuilt(Shapes.batchOf(in[1], in[2], in[3]));
      int[] expectedShape = ints(c.get("output_shape"));
      assertThat(out.asArray()).containsExactly(-1, expectedShape[1], expectedShape[2], expectedShape[3]);
      float[] kernel = floats(c.get("kernel"));
      float[] bias = floats(c.get("bias"));
      layer.setWeights(List.of(
          NdArrays.wrap(Shape.of(layer.kernel().shape()), DataBuffers.of(kernel)),
          NdArrays.wrap(Shape.of(bias.length), DataBuffers.of(bias))));
      LayerTestKit.Output y = LayerTestKit.forward(layer, floats(c.get("input")), shape, false, 1);
      assertThat(y.shape()).containsExactly(expectedShape[0], expectedShape[1], expectedShape[2], expectedShape[3]);
      float[] expected = floats(c.get("output"));
      for (int i = 0; i < expected.length; i++) {
        assertThat(y.values()[i]).as("%s, value %d", c.get("name"), i).isCloseTo(expected[i], within(1e-4f));
      }
    }
  }
}
