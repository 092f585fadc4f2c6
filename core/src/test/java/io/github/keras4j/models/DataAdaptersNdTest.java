package io.github.keras4j.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.index.Indices;

/** {@link DataAdapters#nd}: one copy of a whole array's data, a row-major copy of anything else. */
class DataAdaptersNdTest {
  private static float[] values(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * 0.5f - 3f;
    }
    return v;
  }

  @Test
  void aWholeArrayIsReadInPlaceNotCopied() {
    float[] data = values(4 * 2 * 3);
    FloatNdArray x = NdArrays.wrap(Shape.of(4, 2, 3), DataBuffers.of(data, false, false));
    ArrayBatches batches = DataAdapters.nd(x, new float[] {0, 1, 0, 1}, 1, false, "x", "y");
    assertThat(batches.inputs(0)).isSameAs(data);
    assertThat(batches.sampleShape()).containsExactly(2, 3);
  }

  @Test
  void anArrayFromOfFloatsIsReadInPlace() {
    FloatNdArray x = NdArrays.ofFloats(Shape.of(3, 2));
    x.setFloat(7f, 2, 1);
    float[] flat = DataAdapters.nd(x, null, 0, false, "x", null).inputs(0);
    assertThat(flat).containsExactly(0, 0, 0, 0, 0, 7);
    x.setFloat(9f, 0, 0); // the same memory: the adapter holds no copy
    assertThat(flat[0]).isEqualTo(9f);
  }

  @Test
  void aSliceIsCopiedInRowMajorOrder() {
    float[] data = values(4 * 3);
    FloatNdArray x = NdArrays.wrap(Shape.of(4, 3), DataBuffers.of(data, false, false));
    float[] flat = DataAdapters.nd(x.slice(Indices.range(1, 3)), null, 0, false, "x", null).inputs(0);
    assertThat(flat).isNotSameAs(data).containsExactly(java.util.Arrays.copyOfRange(data, 3, 9));
  }

  @Test
  void aFlippedViewOfTheWholeArrayIsCopiedInItsOwnOrder() {
    float[] data = values(3 * 2);
    FloatNdArray x = NdArrays.wrap(Shape.of(3, 2), DataBuffers.of(data, false, false));
    float[] flat = DataAdapters.nd(x.slice(Indices.flip()), null, 0, false, "x", null).inputs(0);
    assertThat(flat).isNotSameAs(data)
        .containsExactly(data[4], data[5], data[2], data[3], data[0], data[1]);
  }

  @Test
  void aReadOnlyArrayIsReadInPlaceToo() { // the adapter only reads the samples
    float[] data = values(2 * 2);
    FloatNdArray x = NdArrays.wrap(Shape.of(2, 2), DataBuffers.of(data, true, false));
    float[] flat = DataAdapters.nd(x, null, 0, false, "x", null).inputs(0);
    assertThat(flat).isSameAs(data);
  }
}
