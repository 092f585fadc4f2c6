package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.jhdf.HdfFile;
import io.jhdf.object.datatype.VariableLength;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The shared Teachable Machine export (config 85 KB: nested Sequential / Functional MobileNetV2) saves as legacy
 * .h5 — model_config as a variable-length string, as Keras writes it — and loads back with equal predictions.
 */
class TeachableMachineH5Test {
  @TempDir Path dir;

  @Test
  @Tag("slow")
  void theTeachableMachineModelSavesAsH5AndLoadsBackEqual() throws Exception {
    Path tm = KerasFixtures.dir().resolve("byom").resolve("teachable_machine_mobilenetv2_keras2.4.0.h5");
    assumeTrue(Files.isRegularFile(tm), "shared fixture absent: " + tm);
    try (KerasContext.Scope scope = KerasContext.isolated(); Model model = Models.load(tm)) {
      String config = KerasJson.write(ModelConfigWriter.keras2(model));
      assertThat(config.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(Hdf5.MAX_ATTRIBUTE_BYTES);
      Path file = dir.resolve("tm.h5");
      model.save(file);
      try (HdfFile h = new HdfFile(file)) {
        assertThat(h.getAttribute("model_config").getDataType()).isInstanceOf(VariableLength.class);
        assertThat(h.getAttribute("model_config").getData()).isEqualTo(config);
      }
      float[] pixels = new float[224 * 224 * 3];
      Random r = new Random(5);
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = r.nextFloat() * 2 - 1;
      }
      var x = NdArrays.wrap(Shape.of(1, 224, 224, 3), DataBuffers.of(pixels, true, false));
      try (Model loaded = Models.load(file)) {
        assertThat(loaded.predict(x)).isDeepEqualTo(model.predict(x));
      }
    }
  }
}
