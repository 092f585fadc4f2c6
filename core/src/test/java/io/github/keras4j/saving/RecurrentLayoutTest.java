package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.RMSprop;
import io.jhdf.HdfFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/**
 * A model with LSTMs trained in Keras4J and saved as {@code .keras} has the layout Keras 3.3.3 wrote for the same
 * architecture ({@code byom/lstm_speech_emotion_keras3.3.3.keras}): {@code layers/lstm/cell/vars/0..2}, an empty
 * {@code layers/lstm/vars}, the optimizer variables, and the same config keys per layer.
 */
class RecurrentLayoutTest {
  private KerasContext.Scope scope;
  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    Keras.setRandomSeed(3);
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  private static byte[] bytes(ZipFile zip, String name) throws IOException {
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      return in.readAllBytes();
    }
  }

  @Test
  void kerasArchiveOfAnLstmModelMatchesKeras333() throws Exception {
    Path fixture = KerasFixtures.file("byom/lstm_speech_emotion_keras3.3.3.keras");
    try (Sequential model = new Sequential(
        new InputLayer(352, 15).name("input_layer"),
        new LSTM(64).returnSequences(true).name("lstm"),
        new LSTM(64).name("lstm_1"),
        new Dense(6).activation("softmax").name("dense"))) {
      model.compile(new RMSprop(0.001), "categorical_crossentropy", "categorical_accuracy");
      float[][] y = {{1, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0}};
      model.fit(NdArrays.ofFloats(Shape.of(2, 352, 15)), y, new FitOptions().batchSize(2).verbose(0));
      Path ours = dir.resolve("speech.keras");
      model.save(ours);
      try (ZipFile a = new ZipFile(ours.toFile()); ZipFile b = new ZipFile(fixture.toFile())) {
        try (HdfFile ha = HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes(a, "model.weights.h5")));
            HdfFile hb = HdfFile.fromByteBuffer(ByteBuffer.wrap(bytes(b, "model.weights.h5")))) {
          List<String> mine = LayoutTest.layout(ha).stream().filter(l -> !l.startsWith("@")).toList();
          List<String> theirs = LayoutTest.layout(hb).stream().filter(l -> !l.startsWith("@")).toList();
          assertThat(mine).contains("D /layers/lstm/cell/vars/0 f4 [15, 256]", "G /layers/lstm/vars/",
              "D /layers/lstm_1/cell/vars/1 f4 [64, 256]");
          assertThat(mine).isEqualTo(theirs);
        }
        ObjectMapper json = new ObjectMapper();
        List<?> myLayers = (List<?>) ((Map<?, ?>) json.readValue(bytes(a, "config.json"), Map.class).get("config"))
            .get("layers");
        List<?> theirLayers =
            (List<?>) ((Map<?, ?>) json.readValue(bytes(b, "config.json"), Map.class).get("config")).get("layers");
        for (int i = 1; i < 3; i++) {
          Map<?, ?> mc = (Map<?, ?>) ((Map<?, ?>) myLayers.get(i)).get("config");
          Map<?, ?> tc = (Map<?, ?>) ((Map<?, ?>) theirLayers.get(i)).get("config");
          assertThat(((Map<?, ?>) myLayers.get(i)).get("class_name")).isEqualTo("LSTM");
          assertThat(mc.keySet()).containsAll((java.util.Collection) tc.keySet());
        }
      }
    }
  }
}
