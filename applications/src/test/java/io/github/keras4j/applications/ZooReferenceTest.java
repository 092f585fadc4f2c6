package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.Weight;
import io.github.keras4j.models.Model;
import io.github.keras4j.saving.KerasFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Xception and EfficientNetB0 (the zoo models on SeparableConv2D, Rescaling, Normalization, swish and
 * squeeze-and-excitation) compute what an independent NumPy forward pass computes from the same seeded weights:
 * zoo_reference/reference.txt, made by generate_reference.py beside it from the files {@link #dump} writes.
 */
@Tag("slow")
class ZooReferenceTest {
  private static final long SEED = 2024;

  private static Model build(String name) {
    return name.equals("xception")
        ? Xception.build(new RandomWeightsOptions().includeTop(false).pooling("avg").inputShape(71, 71, 3))
        : EfficientNetB0.build(new RandomWeightsOptions().includeTop(false).pooling("avg").inputShape(32, 32, 3));
  }

  /** Sum of |w| · (1 + index mod 7) over all weight values in layer order: a fingerprint of the seeded weights. */
  static double checksum(Model model) {
    double sum = 0;
    long i = 0;
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        for (float v : w.read()) {
          sum += Math.abs(v) * (1 + (i++ % 7));
        }
      }
    }
    return sum;
  }

  /** Writes NAME.h5 (save_weights) and NAME.json (to_json) of both models for generate_reference.py. */
  static void dump(Path folder) throws IOException {
    for (String name : new String[] {"xception", "efficientnetb0"}) {
      try (var scope = KerasContext.isolated()) {
        Keras.setRandomSeed(SEED);
        try (Model m = build(name)) {
          m.saveWeights(folder.resolve(name + ".h5"));
          Files.writeString(folder.resolve(name + ".json"), KerasFiles.toJson(m));
          System.out.println("checksum " + name + " " + checksum(m));
        }
      }
    }
  }

  /** Regenerates the inputs of generate_reference.py: run with -Dkeras4j.zoo.dump=FOLDER. */
  @Test
  @EnabledIfSystemProperty(named = "keras4j.zoo.dump", matches = ".+")
  void dumpForTheGenerator() throws IOException {
    dump(Path.of(System.getProperty("keras4j.zoo.dump")));
  }

  private static Map<String, double[]> reference() throws IOException {
    Map<String, double[]> out = new HashMap<>();
    try (InputStream in = Objects.requireNonNull(
            ZooReferenceTest.class.getResourceAsStream("zoo_reference/reference.txt"));
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] p = line.trim().split(" ");
        int skip = p[0].equals("checksum") ? 2 : 3;
        double[] v = new double[p.length - skip];
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.parseDouble(p[skip + i]);
        }
        out.put(String.join(" ", java.util.Arrays.copyOf(p, skip)), v);
      }
    }
    return out;
  }

  private static void matches(String name, int size, boolean raw) throws IOException {
    Map<String, double[]> ref = reference();
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(SEED);
      try (Model model = build(name)) {
        double expectedChecksum = ref.get("checksum " + name)[0];
        assertThat(checksum(model)).as("fingerprint of the seeded weights; if the seeding changed, regenerate"
            + " zoo_reference/reference.txt").isCloseTo(expectedChecksum, within(1e-9 * expectedChecksum));
        int n = size * size * 3;
        float[] x = new float[2 * n];
        for (int b = 0; b < 2; b++) {
          for (long i = 0; i < n; i++) {
            long m = (i * 7919 + b * 104729L) % 2001;
            x[b * n + (int) i] = (float) (raw ? m * 255 / 2000.0 : m / 1000.0 - 1.0);
          }
        }
        float[][] y = model.predict(NdArrays.wrap(Shape.of(2, size, size, 3), DataBuffers.of(x, true, false)));
        for (int b = 0; b < 2; b++) {
          double[] e = ref.get("out " + name + " " + b);
          assertThat(y[b]).hasSize(e.length);
          double scale = 0;
          for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
          }
          for (int c = 0; c < e.length; c++) {
            // 1e-5 relative to the feature vector's magnitude (float32 here, float64 in the reference).
            assertThat(Math.abs(y[b][c] - e[c])).as("%s image %d feature %d: %s vs %s", name, b, c, y[b][c], e[c])
                .isLessThanOrEqualTo(1e-5 * scale);
          }
        }
      }
    }
  }

  @Test
  void xceptionMatchesTheNumPyForwardPass() throws IOException {
    matches("xception", 71, false);
  }

  @Test
  void efficientNetB0MatchesTheNumPyForwardPass() throws IOException {
    matches("efficientnetb0", 32, true);
  }
}
