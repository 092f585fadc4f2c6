package io.github.keras4j.activations;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The built-in activations of {@code keras.activations}, by constant or by Keras name, plus the custom ones that
 * {@link ActivationProvider} services add.
 *
 * <pre>{@code
 * new Dense(16).activation(Activations.RELU);
 * new Dense(2).activation("softmax");
 * }</pre>
 *
 * <h2>Names that mean different things in Keras 2 and Keras 3</h2>
 * {@code hard_sigmoid} is {@code clip(0.2·x + 0.5, 0, 1)} in Keras 2 (tf.keras) and {@code relu6(x + 3) / 6 =
 * clip(x/6 + 0.5, 0, 1)} in Keras 3. {@link #get(String)} resolves it for the Keras major version of the file being
 * read: 2 by default (Keras4J follows tf.keras 2.x), 3 inside a {@link #kerasVersionScope(int)} that the model
 * loaders open when a file's {@code keras_version} starts with 3. The two variants are the constants
 * {@link #HARD_SIGMOID} and {@link #HARD_SIGMOID_KERAS3}; both are saved as {@code hard_sigmoid}.
 */
public final class Activations {
  /** {@code linear}: the identity; Keras's default. */
  public static final ActivationFunction LINEAR = of("linear", (tf, x) -> x);
  /** {@code relu}: {@code max(x, 0)}. */
  public static final ActivationFunction RELU = of("relu", (tf, x) -> tf.nn.relu(x));
  /** {@code relu6}: {@code min(max(x, 0), 6)}. */
  public static final ActivationFunction RELU6 = of("relu6", (tf, x) -> tf.nn.relu6(x));
  /** {@code softmax} over the last axis: {@code exp(x) / sum(exp(x))}. */
  public static final ActivationFunction SOFTMAX = of("softmax", (tf, x) -> tf.nn.softmax(x));
  /** {@code log_softmax} over the last axis: {@code x - log(sum(exp(x)))}. */
  public static final ActivationFunction LOG_SOFTMAX = of("log_softmax", Activations::logSoftmax);
  /** {@code sigmoid}: {@code 1 / (1 + exp(-x))}. */
  public static final ActivationFunction SIGMOID = of("sigmoid", (tf, x) -> tf.math.sigmoid(x));
  /** {@code tanh}. */
  public static final ActivationFunction TANH = of("tanh", (tf, x) -> tf.math.tanh(x));
  /** {@code elu} with alpha 1: {@code x} for {@code x > 0}, {@code exp(x) - 1} otherwise. */
  public static final ActivationFunction ELU = of("elu", (tf, x) -> tf.nn.elu(x));
  /**
   * {@code selu}: {@code scale · elu(x, alpha)} with Keras's {@code alpha = 1.67326324} and
   * {@code scale = 1.05070098}.
   */
  public static final ActivationFunction SELU = of("selu", (tf, x) -> tf.nn.selu(x));
  /** {@code softplus}: {@code log(exp(x) + 1)}. */
  public static final ActivationFunction SOFTPLUS = of("softplus", (tf, x) -> tf.math.softplus(x));
  /** {@code softsign}: {@code x / (|x| + 1)}. */
  public static final ActivationFunction SOFTSIGN = of("softsign", (tf, x) -> tf.nn.softsign(x));
  /** {@code exponential}: {@code exp(x)}. */
  public static final ActivationFunction EXPONENTIAL = of("exponential", (tf, x) -> tf.math.exp(x));
  /** {@code swish}: {@code x · sigmoid(x)} (EfficientNet's activation). */
  public static final ActivationFunction SWISH = of("swish", Activations::silu);
  /** {@code silu}: Keras 3's name of {@link #SWISH}; saved as {@code silu}. */
  public static final ActivationFunction SILU = of("silu", Activations::silu);
  /**
   * {@code gelu} (exact, Keras's default {@code approximate=False}): {@code 0.5 · x · (1 + erf(x / √2))}.
   */
  public static final ActivationFunction GELU = of("gelu", (tf, x) -> gelu(tf, x, false));
  /**
   * {@code gelu} with {@code approximate=True}: {@code 0.5 · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³)))}.
   * Keras can only save that variant as a Python function; Keras4J saves it as {@code gelu_approximate}, a name
   * only Keras4J reads (Python Keras refuses it loudly rather than silently computing the exact variant).
   */
  public static final ActivationFunction GELU_APPROXIMATE =
      of("gelu_approximate", (tf, x) -> gelu(tf, x, true));
  /** {@code hard_sigmoid} as Keras 2 computes it: {@code clip(0.2·x + 0.5, 0, 1)}. */
  public static final ActivationFunction HARD_SIGMOID =
      of("hard_sigmoid", (tf, x) -> hardSigmoid(tf, x, 2));
  /** {@code hard_sigmoid} as Keras 3 computes it: {@code relu6(x + 3) / 6}. Saved as {@code hard_sigmoid}. */
  public static final ActivationFunction HARD_SIGMOID_KERAS3 =
      of("hard_sigmoid", (tf, x) -> hardSigmoid(tf, x, 3));
  /** {@code hard_swish} (Keras 3, alias {@code hard_silu}): {@code x · relu6(x + 3) / 6}. */
  public static final ActivationFunction HARD_SWISH =
      of("hard_swish", (tf, x) -> tf.math.mul(x, hardSigmoid(tf, x, 3)));
  /** {@code hard_silu}: Keras 3's name of {@link #HARD_SWISH}; saved as {@code hard_silu}. */
  public static final ActivationFunction HARD_SILU =
      of("hard_silu", (tf, x) -> tf.math.mul(x, hardSigmoid(tf, x, 3)));
  /** {@code leaky_relu} with Keras's default {@code negative_slope=0.2}: {@code x} if positive, else 0.2·x. */
  public static final ActivationFunction LEAKY_RELU =
      of("leaky_relu", (tf, x) -> tf.nn.leakyRelu(x, org.tensorflow.op.nn.LeakyRelu.alpha(0.2f)));
  /** {@code mish}: {@code x · tanh(softplus(x))}. */
  public static final ActivationFunction MISH =
      of("mish", (tf, x) -> tf.math.mul(x, tf.math.tanh(tf.math.softplus(x))));

  private static final List<ActivationFunction> BUILT_INS =
      List.of(LINEAR, RELU, RELU6, SOFTMAX, LOG_SOFTMAX, SIGMOID, TANH, ELU, SELU, SOFTPLUS, SOFTSIGN,
          EXPONENTIAL, SWISH, SILU, GELU, GELU_APPROXIMATE, HARD_SIGMOID, HARD_SWISH, HARD_SILU, LEAKY_RELU, MISH);

  private static final ThreadLocal<Integer> KERAS_MAJOR = ThreadLocal.withInitial(() -> 2);

  private Activations() {}

  /** The provided activations, loaded once on first use. */
  private static final class Provided {
    static final Map<String, ActivationFunction> ALL = load();

    private static Map<String, ActivationFunction> load() {
      Map<String, ActivationFunction> all = new LinkedHashMap<>();
      for (ActivationProvider provider :
          ServiceLoader.load(ActivationProvider.class, Activations.class.getClassLoader())) {
        for (Map.Entry<String, ActivationFunction> e : provider.activations().entrySet()) {
          String key = e.getKey().toLowerCase(Locale.ROOT);
          requireNonNull(e.getValue(), "activation '" + key + "' of " + provider.getClass().getName());
          if (builtIn(key) != null || all.containsKey(key)) {
            throw new IllegalStateException(
                "ActivationProvider " + provider.getClass().getName() + " registers activation '" + key
                    + "', which is already " + (builtIn(key) != null ? "a built-in" : "registered by another provider")
                    + "; choose another name.");
          }
          all.put(key, e.getValue());
        }
      }
      return Collections.unmodifiableMap(all);
    }
  }

  /**
   * Returns the activation Keras knows by this name, for the Keras major version of the current
   * {@link #kerasVersionScope(int) scope} (2 outside any scope); {@code null} means {@code linear}, as in Keras.
   * Built-ins come first, then the activations of {@link ActivationProvider} services.
   *
   * @throws IllegalArgumentException for an unknown name; the message lists the valid ones and how to add one
   */
  public static ActivationFunction get(String name) {
    return get(name, KERAS_MAJOR.get());
  }

  /**
   * Returns the activation known by this name in Keras major version {@code kerasMajorVersion} (2 or 3; only
   * {@code hard_sigmoid} differs).
   *
   * @throws IllegalArgumentException for an unknown name or a version other than 2 and 3
   */
  public static ActivationFunction get(String name, int kerasMajorVersion) {
    checkVersion(kerasMajorVersion);
    if (name == null) {
      return LINEAR;
    }
    String key = name.toLowerCase(Locale.ROOT);
    if (key.equals("hard_sigmoid")) {
      return kerasMajorVersion >= 3 ? HARD_SIGMOID_KERAS3 : HARD_SIGMOID;
    }
    ActivationFunction f = builtIn(key);
    if (f == null) {
      f = Provided.ALL.get(key);
    }
    if (f == null) {
      throw new IllegalArgumentException(
          "Unknown activation function: '" + name + "'. Valid names: " + names()
              + ". To use a custom activation, pass an ActivationFunction object, or register it by name with an"
              + " ActivationProvider service (META-INF/services/io.github.keras4j.activations.ActivationProvider).");
    }
    return f;
  }

  private static ActivationFunction builtIn(String key) {
    for (ActivationFunction f : BUILT_INS) {
      if (f.name().equals(key)) {
        return f;
      }
    }
    return null;
  }

  /** Returns the names of the built-in and provided activations. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(BUILT_INS.stream().map(ActivationFunction::name).distinct().toList());
    names.addAll(Provided.ALL.keySet());
    return List.copyOf(names);
  }

  /** Returns the Keras major version that {@link #get(String)} resolves names for on this thread (2 by default). */
  public static int kerasMajorVersion() {
    return KERAS_MAJOR.get();
  }

  /**
   * Makes {@link #get(String)} on this thread resolve names as Keras {@code kerasMajorVersion} does until the
   * returned scope is closed (then the previous version applies again). Loaders open one around reading a file's
   * config:
   *
   * <pre>{@code
   * try (var scope = Activations.kerasVersionScope(3)) {
   *   model = readConfig(config);   // hard_sigmoid here means relu6(x + 3) / 6
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException if the version is not 2 or 3
   */
  public static VersionScope kerasVersionScope(int kerasMajorVersion) {
    checkVersion(kerasMajorVersion);
    int previous = KERAS_MAJOR.get();
    KERAS_MAJOR.set(kerasMajorVersion);
    return new VersionScope(previous);
  }

  /**
   * Returns the Keras major version of a {@code keras_version} string ({@code "2.4.0"} → 2, {@code "3.11.1"} → 3);
   * {@code null}, empty or unparsable → 2, the version Keras4J follows. Keras 1 files count as 2.
   */
  public static int majorVersionOf(String kerasVersion) {
    if (kerasVersion == null) {
      return 2;
    }
    String s = kerasVersion.trim();
    int end = 0;
    while (end < s.length() && Character.isDigit(s.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 3) {
      return 2;
    }
    int major = Integer.parseInt(s.substring(0, end));
    return major >= 3 ? 3 : 2;
  }

  /** A scope opened by {@link #kerasVersionScope(int)}; closing it restores the previous version. */
  public static final class VersionScope implements AutoCloseable {
    private final int previous;
    private boolean closed;

    private VersionScope(int previous) {
      this.previous = previous;
    }

    /** Restores the version that applied before the scope opened; closing twice is harmless. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        KERAS_MAJOR.set(previous);
      }
    }
  }

  private static void checkVersion(int v) {
    if (v != 2 && v != 3) {
      throw new IllegalArgumentException(
          "Activations: kerasMajorVersion must be 2 or 3, but got kerasMajorVersion=" + v + ".");
    }
  }

  /**
   * Returns an activation with the given name and function, e.g. for an {@link ActivationProvider}.
   *
   * @throws IllegalArgumentException if the name is empty
   */
  public static ActivationFunction of(String name, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> fn) {
    requireNonNull(name, "name");
    requireNonNull(fn, "fn");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("Activations.of: name must be non-empty, but got name=''.");
    }
    return new ActivationFunction() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
        return fn.apply(tf, x);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private static Operand<TFloat32> logSoftmax(Ops tf, Operand<TFloat32> x) {
    // x - max - log(sum(exp(x - max))), over the last axis (TF's LogSoftmax gradient is not usable from Java).
    Operand<org.tensorflow.types.TInt32> last = tf.constant(new int[] {-1});
    Operand<TFloat32> shifted = tf.math.sub(x, tf.stopGradient(
        tf.reduceMax(x, last, org.tensorflow.op.core.ReduceMax.keepDims(true))));
    return tf.math.sub(shifted, tf.math.log(
        tf.reduceSum(tf.math.exp(shifted), last, org.tensorflow.op.core.ReduceSum.keepDims(true))));
  }

  private static Operand<TFloat32> silu(Ops tf, Operand<TFloat32> x) {
    return tf.math.mul(x, tf.math.sigmoid(x));
  }

  private static Operand<TFloat32> hardSigmoid(Ops tf, Operand<TFloat32> x, int version) {
    // Keras 2: clip(0.2x + 0.5, 0, 1) = relu6(1.2x + 3) / 6; Keras 3: relu6(x + 3) / 6.
    Operand<TFloat32> scaled = version >= 3 ? x : tf.math.mul(x, tf.constant(1.2f));
    return tf.math.div(tf.nn.relu6(tf.math.add(scaled, tf.constant(3f))), tf.constant(6f));
  }

  private static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x, boolean approximate) {
    Operand<TFloat32> half = tf.math.mul(tf.constant(0.5f), x);
    Operand<TFloat32> inner;
    if (approximate) {
      Operand<TFloat32> cube = tf.math.mul(x, tf.math.mul(x, x));
      inner = tf.math.tanh(tf.math.mul(tf.constant((float) Math.sqrt(2 / Math.PI)),
          tf.math.add(x, tf.math.mul(tf.constant(0.044715f), cube))));
    } else {
      inner = tf.math.erf(tf.math.div(x, tf.constant((float) Math.sqrt(2))));
    }
    return tf.math.mul(half, tf.math.add(tf.constant(1f), inner));
  }
}
