package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.backend.KerasContext;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** A MobileNet (config over 56 KB) saves as legacy .h5 — model_config as a variable-length string — and loads back. */
class MobileNetH5Test {
  @TempDir Path dir;

  @Test
  @Tag("slow")
  void mobileNetSavesAsH5AndLoadsBackEqual() throws Exception {
    try (KerasContext.Scope scope = KerasContext.isolated();
        Model model = MobileNetGraph.build(new RandomWeightsOptions().inputShape(128, 128, 3), 0.25, 1, 1e-3)
            .model()) {
      assertThat(model.toJson().getBytes(StandardCharsets.UTF_8).length).isGreaterThan(56 * 1024);
      Path file = dir.resolve("mobilenet.h5");
      model.save(file);
      float[] pixels = new float[128 * 128 * 3];
      Random r = new Random(3);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = r.nextFloat() * 2 - 1;
      }
      var x = NdArrays.wrap(Shape.of(1, 128, 128, 3), DataBuffers.of(pixels, true, false));
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.layers()).hasSameSizeAs(model.layers());
        assertThat(loaded.predict(x)).isDeepEqualTo(model.predict(x));
      }
    }
  }
}
