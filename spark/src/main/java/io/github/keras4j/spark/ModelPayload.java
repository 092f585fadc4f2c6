package io.github.keras4j.spark;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The bytes of a Keras model file with their SHA-256, the unit a model travels in (broadcast variables, task
 * closures). Executors key their {@link ModelCache} by the hash, so equal bytes load once per JVM.
 *
 * @param sha256 the lower-case hex SHA-256 of {@code bytes}
 * @param bytes a whole {@code .keras} or {@code .h5} file
 */
public record ModelPayload(String sha256, byte[] bytes) implements Serializable {
  /** Checks the fields; use {@link #of(byte[])} to compute the hash. */
  public ModelPayload {
    requireNonNull(sha256, "sha256");
    requireNonNull(bytes, "bytes");
  }

  /** Wraps the bytes of a Keras file, computing their hash. */
  public static ModelPayload of(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    try {
      return new ModelPayload(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "ModelPayload[sha256=" + sha256 + ", " + bytes.length + " bytes]";
  }
}
