package io.github.keras4j.saving;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.keras4j.layers.Weight;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The Keras fixtures in {@code ../shared/fixtures/keras} (read in place; tests skip when absent) and what h5py
 * reads from them ({@code expected.json}, written by {@code generate_expected.py} beside it).
 */
final class KerasFixtures {
  private KerasFixtures() {}

  /** Returns the fixtures folder, skipping the calling test when it is absent. */
  static Path dir() {
    Path shared = Path.of(System.getProperty("keras4j.shared", "../shared"));
    Path dir = shared.resolve("fixtures").resolve("keras");
    assumeTrue(Files.isDirectory(dir), "shared fixtures not found at " + dir.toAbsolutePath());
    return dir;
  }

  /** Returns a fixture file, skipping the calling test when it is absent. */
  static Path file(String name) {
    Path file = dir().resolve(name);
    assumeTrue(Files.isRegularFile(file), "fixture not found: " + file);
    return file;
  }

  /** Returns the text of a fixture file. */
  static String text(String name) {
    try {
      return Files.readString(file(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One array as h5py reads it. */
  record Expected(String path, String layer, List<Integer> shape, String sha256, List<Double> first) {}

  /** Returns the weights of a fixture in the order Keras loads them. */
  static List<Expected> weights(String fixture) {
    return entries(fixture, "weights");
  }

  /** Returns the optimizer variables of a fixture in the file's order. */
  static List<Expected> optimizer(String fixture) {
    return entries(fixture, "optimizer");
  }

  @SuppressWarnings("unchecked")
  private static List<Expected> entries(String fixture, String key) {
    Map<String, Object> all = expected();
    Map<String, Object> entry = (Map<String, Object>) all.get(fixture);
    List<Map<String, Object>> list = (List<Map<String, Object>>) entry.get(key);
    return list.stream()
        .map(m -> new Expected((String) m.get("path"), (String) m.get("layer"), (List<Integer>) m.get("shape"),
            (String) m.get("sha256"), ((List<Number>) m.get("first")).stream().map(Number::doubleValue).toList()))
        .toList();
  }

  private static Map<String, Object> expected;

  @SuppressWarnings("unchecked")
  private static synchronized Map<String, Object> expected() {
    if (expected == null) {
      try (InputStream in = KerasFixtures.class.getResourceAsStream("expected.json")) {
        expected = new ObjectMapper().readValue(in, Map.class);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return expected;
  }

  /** Returns the SHA-256 of values as float32 little-endian bytes (as the generator hashes them). */
  static String sha256(float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the SHA-256 of a weight's current value. */
  static String sha256(Weight w) {
    return sha256(w.read());
  }

  /** Returns a weight's shape as a list, for comparison with {@link Expected#shape()}. */
  static List<Integer> shape(Weight w) {
    return java.util.Arrays.stream(w.shape()).mapToInt(Math::toIntExact).boxed().toList();
  }
}
