package io.github.keras4j.applications;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * ImageNet's 1,000 classes and Keras's {@code decode_predictions}. The class index is the exact
 * {@code imagenet_class_index.json} Keras downloads (md5 {@value #CLASS_INDEX_MD5}), shipped as a resource.
 *
 * <pre>{@code
 * List<List<ImageNet.Prediction>> top5 = ImageNet.decodePredictions(mobile.predict(x), 5);
 * }</pre>
 */
public final class ImageNet {
  /** The md5 of Keras's class index file. */
  public static final String CLASS_INDEX_MD5 = "c2c37ea517e94d9795004a39431a14cb";

  private static final String RESOURCE = "imagenet_class_index.json";
  private static volatile List<Prediction> classes;

  private ImageNet() {}

  /**
   * One decoded class: WordNet id, human-readable name and score, as Keras's {@code (class_name,
   * class_description, score)} tuple.
   *
   * @param wnid the WordNet id, e.g. {@code n07920052}
   * @param name the class name, e.g. {@code espresso}
   * @param score the predicted probability
   */
  public record Prediction(String wnid, String name, float score) {
    @Override
    public String toString() {
      return "('" + wnid + "', '" + name + "', " + score + ")";
    }
  }

  /**
   * Returns, for each sample, the {@code top} classes with the highest scores, highest first.
   *
   * @param predictions one row of 1,000 scores per sample
   * @param top how many classes per sample (1 to 1000)
   * @throws IllegalArgumentException if a row does not have 1,000 scores
   */
  public static List<List<Prediction>> decodePredictions(float[][] predictions, int top) {
    requireNonNull(predictions, "predictions");
    if (top < 1 || top > 1000) {
      throw new IllegalArgumentException("top must be in [1, 1000], but got top=" + top + ".");
    }
    List<Prediction> index = classIndex();
    List<List<Prediction>> results = new ArrayList<>();
    for (float[] row : predictions) {
      if (row == null || row.length != 1000) {
        throw new IllegalArgumentException(
            "`decode_predictions` expects a batch of predictions (i.e. a 2D array of shape (samples, 1000))."
                + " Found a row of " + (row == null ? "null" : row.length + " values") + ".");
      }
      Integer[] order = new Integer[1000];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      // numpy's argsort()[-top:][::-1]: highest first; among equal scores the higher index first.
      Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> row[i]).thenComparing(i -> i).reversed());
      List<Prediction> decoded = new ArrayList<>();
      for (int k = 0; k < top; k++) {
        Prediction c = index.get(order[k]);
        decoded.add(new Prediction(c.wnid(), c.name(), row[order[k]]));
      }
      results.add(List.copyOf(decoded));
    }
    return List.copyOf(results);
  }

  /** Returns the 1,000 classes in index order (scores 0). */
  public static List<Prediction> classIndex() {
    List<Prediction> loaded = classes;
    if (loaded == null) {
      synchronized (ImageNet.class) {
        if (classes == null) {
          classes = load();
        }
        loaded = classes;
      }
    }
    return loaded;
  }

  private static List<Prediction> load() {
    try (InputStream in = ImageNet.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("The resource " + RESOURCE + " is missing from keras4j-applications.");
      }
      Map<String, List<String>> raw = new ObjectMapper().readValue(in, new TypeReference<>() {});
      Prediction[] out = new Prediction[raw.size()];
      for (Map.Entry<String, List<String>> e : raw.entrySet()) {
        out[Integer.parseInt(e.getKey())] = new Prediction(e.getValue().get(0), e.getValue().get(1), 0f);
      }
      return List.of(out);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }
}
