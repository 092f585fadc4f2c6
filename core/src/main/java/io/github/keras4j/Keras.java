package io.github.keras4j;


/**
 * Process-wide Keras state: the layer-name counters and the random seed, as Keras's {@code keras.backend} session.
 *
 * <p>Keras names layers from per-session counters ({@code dense}, {@code dense_1}, …) and draws unseeded
 * initializer seeds from a session generator. Keras4J keeps that state in one {@link KerasContext} per thread
 * group: {@link #clearSession()} resets it like {@code keras.backend.clear_session()}, and
 * {@link #setRandomSeed(long)} makes every unseeded initializer, dropout mask and shuffle reproducible like
 * {@code keras.utils.set_random_seed}.
 *
 * <pre>{@code
 * Keras.setRandomSeed(42);      // reproducible weights, dropout and shuffling
 * Sequential model = new Sequential(new Dense(16).inputShape(1).activation("relu"));
 * Keras.clearSession();         // names start again at "dense", models at "sequential"
 * }</pre>
 */
public final class Keras {
  /**
   * The library version, as in the Maven coordinates ({@code 0.1.0}, or {@code 0.1.0-SNAPSHOT} for a development
   * build); written into the jar by the build, so it always matches the artifact.
   */
  public static final String VERSION = readVersion();

  private Keras() {}

  /** Resets layer and model name counters and the random seed generator, like {@code clear_session()}. */
  public static void clearSession() {
    KerasContext.current().clear();
  }

  /**
   * Seeds every source of randomness that has no explicit seed (initializers, dropout, shuffling), like
   * {@code keras.utils.set_random_seed(seed)}.
   */
  public static void setRandomSeed(long seed) {
    KerasContext.current().setSeed(seed);
  }

  private static String readVersion() {
    try (java.io.InputStream in = Keras.class.getResourceAsStream("keras4j-version.properties")) {
      if (in != null) {
        java.util.Properties properties = new java.util.Properties();
        properties.load(in);
        String version = properties.getProperty("version");
        if (version != null && !version.isBlank() && !version.startsWith("${")) {
          return version.trim();
        }
      }
    } catch (java.io.IOException e) {
      // fall through: a class path without the resource (an IDE build that skips resource filtering)
    }
    Package pkg = Keras.class.getPackage();
    String fromManifest = pkg == null ? null : pkg.getImplementationVersion();
    return fromManifest != null ? fromManifest : "unknown";
  }
}
