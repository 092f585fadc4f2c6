package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Model;
import io.github.keras4j.saving.KerasFileException;
import io.github.keras4j.saving.WeightsByName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The MobileNetV2 (alpha 0.35) base inside a Google Teachable Machine export (a nested model: its weights sit
 * under {@code model_weights/sequential_1/<layer>/…}) loads by name into
 * {@code MobileNetV2.create(alpha 0.35, includeTop false, 224×224)} and gives the features an independent NumPy
 * forward pass computes (teachable_machine/reference.txt, made by generate_reference.py beside it).
 */
class TeachableMachineBaseTest {
  private static final int SIZE = 224;
  private static final int CHANNELS = 1280;
  private static Path file;

  @BeforeAll
  static void findFixture() {
    file = Path.of(System.getProperty("keras4j.shared", "../shared"))
        .resolve("fixtures/keras/byom/teachable_machine_mobilenetv2_keras2.4.0.h5");
  }

  private static MobileNetV2.Options baseOptions() {
    return new MobileNetV2.Options().alpha(0.35).includeTop(false).inputShape(SIZE, SIZE, 3);
  }

  /** The generator's inputs: x[b, i] = ((i * 7919 + b * 104729) % 2001) / 1000 - 1 as float32. */
  private static float[] inputs() {
    int n = SIZE * SIZE * 3;
    float[] x = new float[2 * n];
    for (int b = 0; b < 2; b++) {
      for (long i = 0; i < n; i++) {
        x[b * n + (int) i] = (float) (((i * 7919 + b * 104729L) % 2001) / 1000.0 - 1.0);
      }
    }
    return x;
  }

  /** Reference lines: key (e.g. "pooled 0", "map 3 3") → 1280 values. */
  private static List<String> keys = new ArrayList<>();

  private static List<double[]> reference() throws IOException {
    keys = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    try (InputStream in = Objects.requireNonNull(
            TeachableMachineBaseTest.class.getResourceAsStream("teachable_machine/reference.txt"));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith("#")) {
          continue;
        }
        String[] parts = line.trim().split(" ");
        int skip = parts[0].equals("pooled") ? 2 : 3;
        keys.add(String.join(" ", java.util.Arrays.copyOf(parts, skip)));
        double[] v = new double[parts.length - skip];
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.parseDouble(parts[skip + i]);
        }
        rows.add(v);
      }
    }
    return rows;
  }

  private static void assertClose(float[] actual, int offset, int stride, double[] expected, String what) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int c = 0; c < expected.length; c++) {
      double a = actual[offset + c * stride];
      double e = expected[c];
      // 1e-5 relative to the feature vector's magnitude: the reference is float64, Keras4J (like Keras) float32;
      // NumPy's own float32 pass of this model differs from the float64 one by 1.5e-6 of the magnitude.
      double tol = 1e-5 * scale;
      assertThat(Math.abs(a - e)).as("%s channel %d: %s vs reference %s", what, c, a, e).isLessThanOrEqualTo(tol);
    }
  }

  @Test
  void loadsByNameFromTheNestedModelAndGivesTheReferenceFeatures() throws IOException {
    assumeTrue(Files.isRegularFile(file), "shared Teachable Machine fixture absent: " + file);
    List<double[]> ref = reference();
    try (var scope = KerasContext.isolated(); Model base = MobileNetV2.create(baseOptions().weights(file))) {
      assertThat(base.layers()).hasSize(155);
      float[] flat = new float[2 * SIZE * SIZE * 3];
      System.arraycopy(inputs(), 0, flat, 0, flat.length);
      float[][] y = base.predict(NdArrays.wrap(Shape.of(2, SIZE, SIZE, 3), DataBuffers.of(flat, true, false)));
      assertThat(y[0]).hasSize(7 * 7 * CHANNELS);
      for (int k = 0; k < ref.size(); k++) {
        String[] key = keys.get(k).split(" ");
        if (key[0].equals("pooled")) {
          int b = Integer.parseInt(key[1]);
          float[] pooled = new float[CHANNELS];
          for (int c = 0; c < CHANNELS; c++) {
            double sum = 0;
            for (int p = 0; p < 49; p++) {
              sum += y[b][p * CHANNELS + c];
            }
            pooled[c] = (float) (sum / 49);
          }
          assertClose(pooled, 0, 1, ref.get(k), keys.get(k));
        } else {
          int row = Integer.parseInt(key[1]);
          int col = Integer.parseInt(key[2]);
          assertClose(y[0], (row * 7 + col) * CHANNELS, 1, ref.get(k), keys.get(k));
        }
      }
      assertThat(keys).contains("pooled 0", "pooled 1", "map 3 3");
    }
  }

  @Test
  void namesTheNestedGroupAndLoadsItExplicitly() throws IOException {
    assumeTrue(Files.isRegularFile(file), "shared Teachable Machine fixture absent: " + file);
    assertThat(WeightsByName.nestedModelGroups(file))
        .containsExactly("model_weights/sequential_1", "model_weights/sequential_3");
    try (var scope = KerasContext.isolated();
        Model base = MobileNetV2.create(baseOptions().weights((String) null))) {
      float before = base.getLayer("Conv1").weights().get(0).read()[0];
      assertThat(WeightsByName.load(base, file, "sequential_1", null)).isEqualTo(104);
      assertThat(base.getLayer("Conv1").weights().get(0).read()[0]).isNotEqualTo(before);
      assertThatThrownBy(() -> WeightsByName.load(base, file, "sequential_9", null))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("sequential_9")
          .hasMessageContaining("model_weights/sequential_1");
    }
  }

  @Test
  void refusesAnotherWidthOrArchitectureNamingTheCause() {
    assumeTrue(Files.isRegularFile(file), "shared Teachable Machine fixture absent: " + file);
    try (var scope = KerasContext.isolated()) {
      assertThatThrownBy(() -> MobileNetV2.create(new MobileNetV2.Options().alpha(0.5).includeTop(false)
              .inputShape(SIZE, SIZE, 3).weights(file)))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("block_1_project")
          .hasMessageContaining("(1, 1, 48, 8)").hasMessageContaining("(1, 1, 48, 16)");
      assertThatThrownBy(() -> ResNet50.create(new ResNet50.Options().includeTop(false).weights(file)))
          .isInstanceOf(KerasFileException.class).hasMessageContaining("no layer of model 'resnet50'")
          .hasMessageContaining("sequential_1");
    }
  }
}
