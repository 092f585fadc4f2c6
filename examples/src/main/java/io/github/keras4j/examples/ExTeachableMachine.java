package io.github.keras4j.examples;

import io.github.keras4j.data.image.ImageUtils;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * Runs a Google Teachable Machine image model exported as "Keras" ({@code keras_model.h5} + {@code labels.txt}),
 * doing exactly what Teachable Machine's own Python snippet does for each image:
 *
 * <pre>
 * model = load_model("keras_model.h5", compile=False)
 * class_names = open("labels.txt", "r").readlines()           # lines like "0 cat"
 * image = Image.open(path).convert("RGB")
 * image = ImageOps.fit(image, (224, 224), Image.Resampling.LANCZOS)
 * data[0] = (np.asarray(image).astype(np.float32) / 127.5) - 1
 * prediction = model.predict(data); index = np.argmax(prediction)
 * print("Class:", class_names[index][2:], end="")
 * print("Confidence Score:", prediction[0][index])
 * </pre>
 *
 * <p>The crop-and-resize is Pillow's to the bit ({@link ImageUtils#fit}), and the score is printed as numpy prints a
 * float32 (the shortest digits that read back to the same float, {@code 1.2345e-05} below 1e-4). One deliberate
 * difference: the snippet's {@code [2:]} drops two characters, which mangles labels from index 10 on; here the
 * leading index and its space are dropped whatever their length.
 *
 * <p>Usage: {@code ExTeachableMachine <keras_model.h5> <labels.txt> <image>...}. Without arguments it runs the
 * shared Teachable Machine fixture ({@code ../shared/fixtures/keras/byom/teachable_machine_mobilenetv2_keras2.4.0.h5},
 * labels "Class 1", "Class 2", …) on {@code ../shared/fixtures/images/coffee.png}, or prints this usage when those
 * are absent.
 */
public final class ExTeachableMachine {
  /** Teachable Machine's image models take 224 × 224 RGB images. */
  static final int SIZE = 224;

  static final String FIXTURE = "fixtures/keras/byom/teachable_machine_mobilenetv2_keras2.4.0.h5";
  static final String IMAGE = "fixtures/images/coffee.png";

  private ExTeachableMachine() {}

  /** Classifies the images; see the class comment for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      Path shared = Path.of(System.getProperty("keras4j.shared", "../shared"));
      Path model = shared.resolve(FIXTURE);
      Path image = shared.resolve(IMAGE);
      if (!Files.isRegularFile(model) || !Files.isRegularFile(image)) {
        usage("the shared fixtures were not found (looked for " + model.toAbsolutePath().normalize() + " and "
            + image.toAbsolutePath().normalize() + ")");
        return;
      }
      try (Model m = Models.load(model)) {
        List<String> labels = generatedLabels(m.outputShape().get(m.outputShape().numDimensions() - 1));
        System.out.println("Model " + model.getFileName() + ", labels " + labels + " (generated)");
        classify(m, labels, List.of(image));
      }
      return;
    }
    if (args.length < 3) {
      usage("give the model, the labels file and at least one image");
      return;
    }
    List<String> labels = readLabels(Path.of(args[1]));
    List<Path> images = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      images.add(Path.of(args[i]));
    }
    try (Model m = Models.load(Path.of(args[0]))) {
      classify(m, labels, images);
    }
  }

  private static void classify(Model model, List<String> labels, List<Path> images) throws IOException {
    long classes = model.outputShape().get(model.outputShape().numDimensions() - 1);
    if (classes != labels.size()) {
      throw new IllegalArgumentException("The model has " + classes + " classes but the labels file has "
          + labels.size() + " lines; pass the labels.txt exported with this keras_model.h5.");
    }
    for (Path image : images) {
      float[] p = model.predict(preprocess(image))[0];
      int index = argmax(p);
      if (images.size() > 1) {
        System.out.println("Image: " + image);
      }
      System.out.println("Class: " + labels.get(index));
      System.out.println("Confidence Score: " + numpyFloat32(p[index]));
    }
  }

  /**
   * Returns the model input for one image file, shape {@code (1, 224, 224, 3)}: RGB, Pillow's
   * {@code ImageOps.fit(image, (224, 224), LANCZOS)}, then {@code x / 127.5 − 1} in float32.
   */
  static FloatNdArray preprocess(Path image) throws IOException {
    BufferedImage rgb = ImageUtils.loadImg(image, "rgb");
    BufferedImage fitted = ImageUtils.fit(rgb, SIZE, SIZE, "lanczos");
    float[] x = new float[SIZE * SIZE * 3];
    int k = 0;
    for (int y = 0; y < SIZE; y++) {
      for (int c = 0; c < SIZE; c++) {
        int px = fitted.getRGB(c, y);
        x[k++] = (float) (px >> 16 & 0xff) / 127.5f - 1f;
        x[k++] = (float) (px >> 8 & 0xff) / 127.5f - 1f;
        x[k++] = (float) (px & 0xff) / 127.5f - 1f;
      }
    }
    return NdArrays.wrap(Shape.of(1, SIZE, SIZE, 3), DataBuffers.of(x, true, false));
  }

  /**
   * Reads Teachable Machine's labels.txt: one line per class, {@code "<index> <name>"}; returns the names.
   *
   * @throws IllegalArgumentException if the file has no labels
   */
  static List<String> readLabels(Path file) throws IOException {
    List<String> labels = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String stripped = line.strip();
      int space = stripped.indexOf(' ');
      boolean indexed = space > 0 && stripped.substring(0, space).chars().allMatch(Character::isDigit);
      labels.add(indexed ? stripped.substring(space + 1) : stripped);
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException(file + ": no labels; Teachable Machine's labels.txt has one line per"
          + " class, like '0 cat'.");
    }
    return labels;
  }

  /** Teachable Machine's default class names: "Class 1", "Class 2", …. */
  static List<String> generatedLabels(long classes) {
    List<String> labels = new ArrayList<>();
    for (int i = 1; i <= classes; i++) {
      labels.add("Class " + i);
    }
    return labels;
  }

  /** numpy's {@code argmax}: the first index of the largest value. */
  static int argmax(float[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }

  /**
   * Formats a float32 as numpy's {@code str(np.float32(v))}: the fewest significant digits that read back to the
   * same float32, positional for {@code 1e-4 <= |v| < 1e16} ({@code 0.99853}, {@code 1.0}), else scientific with
   * an exponent of at least two digits ({@code 1.2345e-05}).
   */
  static String numpyFloat32(float v) {
    if (Float.isNaN(v)) {
      return "nan";
    }
    if (Float.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return 1 / v < 0 ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(v);
    BigDecimal shortest = exact;
    for (int digits = 1; digits <= 9; digits++) {
      BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (candidate.floatValue() == v) {
        shortest = candidate;
        break;
      }
    }
    shortest = shortest.stripTrailingZeros();
    double magnitude = Math.abs(v);
    if (magnitude >= 1e-4 && magnitude < 1e16) {
      String plain = shortest.toPlainString();
      return plain.contains(".") ? plain : plain + ".0";
    }
    int exponent = shortest.precision() - shortest.scale() - 1;
    BigDecimal mantissa = shortest.movePointLeft(exponent);
    String m = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
    return String.format(Locale.ROOT, "%se%s%02d", m, exponent < 0 ? "-" : "+", Math.abs(exponent));
  }

  private static void usage(String problem) {
    System.out.println("ExTeachableMachine: " + problem + ".");
    System.out.println("Usage: ExTeachableMachine <keras_model.h5> <labels.txt> <image>...");
    System.out.println("  (the files of Teachable Machine's Export Model > Tensorflow > Keras download)");
  }
}
