package io.github.keras4j.saving;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Inference through a TF 2.x SavedModel's own serving signature ({@code serving_default}, tag {@code serve}),
 * run by TensorFlow Java's {@link SavedModelBundle}: the way to use a SavedModel whose Keras config Keras4J cannot
 * rebuild ({@code Lambda}, {@code DenseFeatures}, custom classes, subclassed models). The result is not a Keras4J
 * model (no training, no summary), only the exported function.
 *
 * <pre>{@code
 * try (SavedModelServing serving = SavedModelServing.open(Path.of("my_savedmodel"))) {
 *   float[][] y = serving.predict(x);   // x: one float32 input, batch first
 * }
 * }</pre>
 */
public final class SavedModelServing implements AutoCloseable {
  private final Path dir;
  private final SavedModelBundle bundle;
  private final SessionFunction function;

  private SavedModelServing(Path dir, SavedModelBundle bundle, SessionFunction function) {
    this.dir = dir;
    this.bundle = bundle;
    this.function = function;
  }

  /**
   * Loads the SavedModel at {@code dir} with the {@code serve} tag and selects its {@code serving_default}
   * signature.
   *
   * @throws KerasFileException if the directory is not a SavedModel, TensorFlow cannot load it, or it has no
   *     serving signature (the message lists the signatures it has)
   */
  public static SavedModelServing open(Path dir) throws IOException {
    requireNonNull(dir, "dir");
    if (!SavedModelDirs.isSavedModel(dir)) {
      throw new KerasFileException(dir, "not a TensorFlow SavedModel directory (no saved_model.pb).");
    }
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
    } catch (RuntimeException e) {
      throw new KerasFileException(dir, "TensorFlow cannot load the SavedModel with tag 'serve' ("
          + e.getMessage() + ").", e);
    }
    try {
      return new SavedModelServing(dir, bundle, bundle.function(Signature.DEFAULT_KEY));
    } catch (RuntimeException e) {
      List<String> keys = new ArrayList<>();
      bundle.signatures().forEach(s -> keys.add(s.key()));
      bundle.close();
      throw new KerasFileException(dir, "the SavedModel has no '" + Signature.DEFAULT_KEY + "' signature; it has "
          + keys + ".", e);
    }
  }

  /** The serving signature's input names. */
  public List<String> inputNames() {
    return new ArrayList<>(function.signature().inputNames());
  }

  /** The serving signature's output names. */
  public List<String> outputNames() {
    return new ArrayList<>(function.signature().outputNames());
  }

  /**
   * Runs the serving signature on one float32 input (batch first) and returns its first output (by name), each
   * sample flattened to one row: shape {@code (batch, d1, d2, …)} → {@code float[batch][d1·d2·…]}.
   *
   * @throws IllegalStateException if the signature takes more than one input
   * @throws IllegalArgumentException if TensorFlow rejects the input (the message names the expected shape)
   */
  public float[][] predict(FloatNdArray x) {
    requireNonNull(x, "x");
    List<String> inputs = inputNames();
    if (inputs.size() != 1) {
      throw new IllegalStateException("the serving signature of " + dir + " takes " + inputs.size() + " inputs "
          + inputs + "; predict(x) feeds exactly one.");
    }
    String in = inputs.get(0);
    List<String> outputs = outputNames();
    java.util.Collections.sort(outputs);
    float[] values = new float[Math.toIntExact(x.size())];
    x.copyTo(DataBuffers.of(values, false, false));
    try (TFloat32 t = TFloat32.tensorOf(x.shape(), DataBuffers.of(values, true, false));
        Result r = function.call(Map.<String, Tensor>of(in, t))) {
      TFloat32 y = (TFloat32) r.get(outputs.get(0)).orElseThrow();
      long batch = y.shape().numDimensions() == 0 ? 1 : y.shape().size(0);
      float[] flat = new float[Math.toIntExact(y.size())];
      y.copyTo(DataBuffers.of(flat, false, false));
      int per = batch == 0 ? 0 : (int) (flat.length / batch);
      float[][] out = new float[(int) batch][per];
      for (int b = 0; b < batch; b++) {
        System.arraycopy(flat, b * per, out[b], 0, per);
      }
      return out;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("the serving signature of " + dir + " rejected an input of shape "
          + x.shape() + " (it expects " + function.signature().getInputs().get(in).shape + "): "
          + e.getMessage(), e);
    }
  }

  /** Releases TensorFlow's session and graph. */
  @Override
  public void close() {
    bundle.close();
  }

  /** Whether {@code dir} looks like a SavedModel directory (holds {@code saved_model.pb}). */
  public static boolean isSavedModel(Path dir) {
    return dir != null && Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("saved_model.pb"));
  }
}
