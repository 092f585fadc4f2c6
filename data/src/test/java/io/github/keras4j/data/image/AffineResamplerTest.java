package io.github.keras4j.data.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resampling reproduces scipy.ndimage.affine_transform, which Keras calls, to the bit. */
class AffineResamplerTest {
  @Test
  void matchesScipyInEveryFillModeAndOrder() throws IOException {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    try (InputStream in = AffineResamplerTest.class.getResourceAsStream("affine-reference.txt");
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String header;
      while ((header = reader.readLine()) != null) {
        if (header.startsWith("#")) {
          continue;
        }
        String[] h = header.split(" ");
        AffineResampler.FillMode mode = AffineResampler.FillMode.of(h[0], "test");
        int order = Integer.parseInt(h[1]);
        float cval = (float) Double.parseDouble(h[2]);
        int height = Integer.parseInt(h[3]);
        int width = Integer.parseInt(h[4]);
        int channels = Integer.parseInt(h[5]);
        double[] m = doubles(reader.readLine());
        float[] x = floats(reader.readLine());
        float[] expected = floats(reader.readLine());
        float[] actual = new float[expected.length];
        AffineResampler.transform(x, 0, height, width, channels, m, order, mode, cval, actual, 0);
        cases++;
        if (!Arrays.equals(actual, expected)) {
          failures.add(header + " matrix " + Arrays.toString(m) + "\n  expected " + Arrays.toString(expected)
              + "\n  actual   " + Arrays.toString(actual));
        }
      }
    }
    assertThat(cases).isEqualTo(112);
    assertThat(failures).isEmpty();
  }

  @Test
  void readsFromAndWritesToOffsets() {
    float[] src = {9, 9, 1, 2, 3, 4};
    float[] dst = new float[7];
    double[] identity = {1, 0, 0, 0, 1, 0};
    AffineResampler.transform(src, 2, 2, 2, 1, identity, 1, AffineResampler.FillMode.NEAREST, 0f, dst, 3);
    assertThat(dst).containsExactly(0, 0, 0, 1, 2, 3, 4);
  }

  @Test
  void fillModeNamesAreKeras() {
    assertThat(AffineResampler.FillMode.of("wrap", "x")).isEqualTo(AffineResampler.FillMode.WRAP);
    assertThatThrownBy(() -> AffineResampler.FillMode.of("mirror", "ImageDataGenerator"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ImageDataGenerator: fillMode must be one of 'constant', 'nearest', 'reflect', 'wrap', but got"
            + " fillMode='mirror'.");
  }

  private static double[] doubles(String line) {
    return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
  }

  private static float[] floats(String line) {
    double[] d = doubles(line);
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
