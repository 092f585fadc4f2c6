package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.TestData;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated and bit-flipped Keras files — the real fixtures and files Keras4J writes — either load or raise an
 * IOException (a KerasFileException naming the file): never another exception, an OutOfMemoryError or a crash.
 * Seeded, so a failure names the case that reproduces it.
 */
class FuzzTest {
  private static final int CASES_PER_FILE = Integer.getInteger("keras4j.fuzzCases", 40);

  private KerasContext.Scope scope;

  @TempDir Path dir;

  @BeforeEach
  void isolate() {
    scope = KerasContext.isolated();
    io.github.keras4j.Keras.setRandomSeed(3); // the Keras4J-written files are the same on every run
  }

  @AfterEach
  void restore() {
    scope.close();
  }

  /** A file to mutate and how to read it. */
  private record Source(String name, byte[] bytes, Reader reader) {}

  @FunctionalInterface
  private interface Reader {
    void read(Path file) throws IOException;
  }

  private static Sequential ann() {
    return new Sequential(
        new Dense(16).inputShape(1).activation("relu"), new Dense(32).activation("relu"),
        new Dense(2).activation("softmax"));
  }

  private List<Source> sources() throws IOException {
    List<Source> sources = new ArrayList<>();
    Reader load = file -> Models.load(file).close();
    Sequential target = ann();
    Reader intoAnn = target::loadWeights;
    Path fixtures = Path.of(System.getProperty("keras4j.shared", "../shared")).resolve("fixtures/keras");
    if (Files.isDirectory(fixtures)) {
      for (String name : List.of(
          "medical_trial_model_keras2.2.0.h5", "medical_trial_model_keras2.4.0.h5",
          "medical_trial_model_keras3.1.0.h5", "churn_model_keras3.11.1.keras")) {
        sources.add(new Source(name, Files.readAllBytes(fixtures.resolve(name)), load));
      }
      sources.add(new Source("my_model_weights_keras2.2.0.h5",
          Files.readAllBytes(fixtures.resolve("my_model_weights_keras2.2.0.h5")), intoAnn));
      Model lenet = Models.fromJson(Files.readString(fixtures.resolve("lenet_mnist_keras2.2.4.json")));
      sources.add(new Source("lenet_mnist_weights_keras2.2.4.h5",
          Files.readAllBytes(fixtures.resolve("lenet_mnist_weights_keras2.2.4.h5")), lenet::loadWeights));
    }
    try (Sequential model = ann()) {
      model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
      model.fit(TestData.normal(20, 1, 1), TestData.labels(20, 2, 2), new FitOptions().batchSize(10).verbose(0));
      for (String name : List.of("ours.h5", "ours.keras", "ours.weights.h5", "ours_weights.h5")) {
        Path file = dir.resolve(name);
        if (name.startsWith("ours.") && !name.endsWith(".weights.h5")) {
          model.save(file);
          sources.add(new Source(name, Files.readAllBytes(file), load));
        } else {
          model.saveWeights(file);
          sources.add(new Source(name, Files.readAllBytes(file), intoAnn));
        }
      }
    }
    return sources;
  }

  @Test
  void truncatedAndBitFlippedFilesLoadOrRaiseAnIoException() throws Exception {
    List<String> failures = new ArrayList<>();
    int cases = 0;
    int rejected = 0;
    for (Source source : sources()) {
      byte[] original = source.bytes();
      for (int c = 0; c < CASES_PER_FILE; c++) {
        long seed = source.name().hashCode() * 1_000L + c;
        SplittableRandom random = new SplittableRandom(seed);
        byte[] bytes;
        String what;
        if (c % 3 == 0) {
          int length = random.nextInt(original.length);
          bytes = java.util.Arrays.copyOf(original, length);
          what = "truncated to " + length;
        } else {
          bytes = original.clone();
          int flips = 1 + random.nextInt(8);
          // Metadata (headers, attributes, the zip directory) is where flips matter; aim most at the first
          // 8 KB and the last 1 KB, the rest anywhere.
          StringBuilder where = new StringBuilder();
          for (int f = 0; f < flips; f++) {
            int region = random.nextInt(4);
            int pos = region < 2 ? random.nextInt(Math.min(8192, bytes.length))
                : region == 2 ? bytes.length - 1 - random.nextInt(Math.min(1024, bytes.length))
                : random.nextInt(bytes.length);
            int bit = random.nextInt(8);
            bytes[pos] ^= (byte) (1 << bit);
            where.append(pos).append(':').append(bit).append(' ');
          }
          what = "bits flipped at " + where.toString().trim();
        }
        cases++;
        Path file = dir.resolve("case-" + c + "-" + source.name());
        Files.write(file, bytes);
        try {
          source.reader().read(file);
        } catch (IOException expected) {
          rejected++;
          if (!(expected instanceof KerasFileException)
              || !expected.getMessage().contains(file.getFileName().toString())) {
            StringWriter trace = new StringWriter();
            expected.printStackTrace(new PrintWriter(trace));
            failures.add(source.name() + " " + what + " (seed " + seed + "): not a KerasFileException naming the"
                + " file: " + trace.toString().lines().limit(8).reduce((a, b) -> a + "\n" + b).orElse(""));
          }
        } catch (Throwable t) {
          StringWriter trace = new StringWriter();
          t.printStackTrace(new PrintWriter(trace));
          failures.add(source.name() + " " + what + " (seed " + seed + "): " + trace.toString().lines().limit(8)
              .reduce((a, b) -> a + "\n" + b).orElse(""));
        } finally {
          Files.deleteIfExists(file);
        }
      }
    }
    System.out.println("FuzzTest: " + cases + " cases, " + rejected + " rejected");
    assertThat(failures).as("of %d cases", cases).isEmpty();
    assertThat(cases).isGreaterThanOrEqualTo(4 * CASES_PER_FILE);
    assertThat(rejected).isGreaterThan(cases / 4);
  }

  /** Flattens a model's weights, to compare a load with the original. */
  private static float[] flat(List<org.tensorflow.ndarray.FloatNdArray> weights) {
    int n = 0;
    for (org.tensorflow.ndarray.FloatNdArray w : weights) {
      n += (int) w.size();
    }
    float[] out = new float[n];
    int o = 0;
    for (org.tensorflow.ndarray.FloatNdArray w : weights) {
      float[] part = new float[(int) w.size()];
      w.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(part, false, false));
      System.arraycopy(part, 0, out, o, part.length);
      o += part.length;
    }
    return out;
  }

  private static float[] loadedWeights(Path file) throws IOException {
    try (Model model = Models.load(file)) {
      return flat(model.getWeights());
    }
  }

  /**
   * No silent garbage: a byte flipped anywhere in a .keras archive (the zip CRC covers the weights) and a legacy
   * .h5 cut short anywhere (the superblock records the file's end) either fail with a KerasFileException or load
   * exactly the original weights.
   */
  @Test
  void corruptArchivesAndTruncatedHdf5NeverLoadChangedWeights() throws Exception {
    Path keras = dir.resolve("good.keras");
    Path h5 = dir.resolve("good.h5");
    try (Sequential model = ann()) {
      model.compile(new Adam(0.01), "sparse_categorical_crossentropy", "accuracy");
      model.save(keras);
      model.save(h5);
    }
    List<String> failures = new ArrayList<>();
    int cases = 0;
    for (Path good : List.of(keras, h5)) {
      byte[] original = Files.readAllBytes(good);
      float[] expected = loadedWeights(good);
      for (int c = 0; c < CASES_PER_FILE; c++) {
        SplittableRandom random = new SplittableRandom(c * 7919L + good.getFileName().hashCode());
        byte[] bytes;
        String what;
        if (good == h5) {
          int length = random.nextInt(original.length);
          bytes = java.util.Arrays.copyOf(original, length);
          what = "truncated to " + length;
        } else {
          bytes = original.clone();
          int pos = random.nextInt(bytes.length);
          bytes[pos] ^= (byte) (1 << random.nextInt(8));
          what = "bit flipped at " + pos;
        }
        cases++;
        Path file = dir.resolve("c" + c + "-" + good.getFileName());
        Files.write(file, bytes);
        try {
          float[] loaded = loadedWeights(file);
          if (good == h5) {
            failures.add(good.getFileName() + " " + what + ": loaded without an error");
          } else if (!java.util.Arrays.equals(loaded, expected)) {
            failures.add(good.getFileName() + " " + what + ": loaded different weights without an error");
          }
        } catch (KerasFileException expectedFailure) {
          // detected
        } catch (Throwable t) {
          failures.add(good.getFileName() + " " + what + ": " + t);
        } finally {
          Files.deleteIfExists(file);
        }
      }
    }
    assertThat(failures).as("of %d cases", cases).isEmpty();
  }

  /** Mutated config.json text inside an otherwise valid archive: a typed error naming the file, or a model. */
  @Test
  void corruptConfigJsonRaisesATypedError() throws Exception {
    Path keras = dir.resolve("good.keras");
    try (Sequential model = ann()) {
      model.save(keras);
    }
    String config;
    byte[] weights;
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(keras.toFile())) {
      config = new String(zip.getInputStream(zip.getEntry("config.json")).readAllBytes(),
          java.nio.charset.StandardCharsets.UTF_8);
      weights = zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes();
    }
    List<String> failures = new ArrayList<>();
    String[] tokens = {"\"", "{", "}", "[", "]", ",", ":", "4294967312", "-1", "null", "1e400", "\"x\"", "true",
        "0.5"};
    for (int c = 0; c < 3 * CASES_PER_FILE; c++) {
      SplittableRandom random = new SplittableRandom(c);
      StringBuilder text = new StringBuilder(config);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int pos = random.nextInt(text.length());
        int len = random.nextInt(Math.min(8, text.length() - pos) + 1);
        text.replace(pos, pos + len, tokens[random.nextInt(tokens.length)]);
      }
      Path file = dir.resolve("json-" + c + ".keras");
      SafetyTest.zip(file, java.util.Map.of("config.json", text.toString()), java.util.Map.of("model.weights.h5",
          weights));
      try {
        Models.load(file).close();
      } catch (KerasFileException expected) {
        if (!expected.getMessage().contains(file.getFileName().toString())) {
          failures.add("case " + c + ": message does not name the file: " + expected.getMessage());
        }
      } catch (Throwable t) {
        failures.add("case " + c + " (" + text + "): " + t);
      } finally {
        Files.deleteIfExists(file);
      }
    }
    assertThat(failures).isEmpty();
  }
}
