package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.data.image.ImageUtils;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;

/** ExTeachableMachine on the shared Teachable Machine model, and its label and number formatting. */
class ExTeachableMachineTest {
  private static Path shared() {
    return Path.of(System.getProperty("keras4j.shared", "../shared"));
  }

  private static void assumeFixtures() {
    assumeTrue(Files.isRegularFile(shared().resolve(ExTeachableMachine.FIXTURE))
        && Files.isRegularFile(shared().resolve(ExTeachableMachine.IMAGE)), "shared Teachable Machine fixture absent");
  }

  /** The snippet's input, built here without ExTeachableMachine: fit, then x / 127.5 − 1 per channel. */
  private static FloatNdArray independentInput(Path image) throws Exception {
    BufferedImage img = ImageUtils.fit(ImageUtils.loadImg(image), 224, 224, "lanczos");
    FloatNdArray x = NdArrays.ofFloats(Shape.of(1, 224, 224, 3));
    FloatNdArray pixels = ImageUtils.imgToArray(img);
    for (int y = 0; y < 224; y++) {
      for (int c = 0; c < 224; c++) {
        for (int ch = 0; ch < 3; ch++) {
          x.setFloat(pixels.getFloat(y, c, ch) / 127.5f - 1f, 0, y, c, ch);
        }
      }
    }
    return x;
  }

  @Test
  void classifiesTheFixtureAsAnIndependentPredictionDoes() throws Exception {
    assumeFixtures();
    Path image = shared().resolve(ExTeachableMachine.IMAGE);
    float[] p;
    try (Model model = Models.load(shared().resolve(ExTeachableMachine.FIXTURE))) {
      p = model.predict(independentInput(image))[0];
    }
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      best = p[i] > p[best] ? i : best;
    }
    float sum = 0;
    for (float v : p) {
      sum += v;
    }
    assertThat(sum).as("softmax output").isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));

    String printed = EpisodesTest.capture(() -> ExTeachableMachine.main(new String[0]));
    assertThat(printed).contains("Class: Class " + (best + 1) + "\n");
    String score = printed.lines().filter(l -> l.startsWith("Confidence Score: ")).findFirst().orElseThrow()
        .substring("Confidence Score: ".length());
    assertThat(Float.parseFloat(score)).isEqualTo(p[best]);
  }

  @Test
  void matchesPillowAndANumpyForwardPassOfTheSnippet() throws Exception {
    assumeFixtures();
    // teachable-machine-reference.txt: Pillow's ImageOps.fit, then a NumPy forward pass
    // (make_teachable_machine_reference.py beside it).
    java.util.Map<String, String[]> ref = new java.util.HashMap<>();
    try (var in = ExTeachableMachineTest.class.getResourceAsStream("teachable-machine-reference.txt")) {
      assertThat(in).as("teachable-machine-reference.txt").isNotNull();
      for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.trim().split(" ");
        ref.put(f[0], java.util.Arrays.copyOfRange(f, 1, f.length));
      }
    }
    BufferedImage fitted = ImageUtils.fit(ImageUtils.loadImg(shared().resolve(ExTeachableMachine.IMAGE)), 224, 224,
        "lanczos");
    byte[] rgb = new byte[224 * 224 * 3];
    int k = 0;
    for (int y = 0; y < 224; y++) {
      for (int x = 0; x < 224; x++) {
        int px = fitted.getRGB(x, y);
        rgb[k++] = (byte) (px >> 16);
        rgb[k++] = (byte) (px >> 8);
        rgb[k++] = (byte) px;
      }
    }
    byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(rgb);
    assertThat(java.util.HexFormat.of().formatHex(digest)).as("fitted pixels vs Pillow")
        .isEqualTo(ref.get("pixels_sha256")[0]);

    String printed = EpisodesTest.capture(() -> ExTeachableMachine.main(new String[0]));
    int index = Integer.parseInt(ref.get("index")[0]);
    assertThat(printed).contains("Class: Class " + (index + 1) + "\n");
    String score = printed.lines().filter(l -> l.startsWith("Confidence Score: ")).findFirst().orElseThrow()
        .substring("Confidence Score: ".length());
    assertThat(Float.parseFloat(score))
        .isCloseTo(Float.parseFloat(ref.get("score")[0]), org.assertj.core.data.Offset.offset(1e-4f));
  }

  @Test
  void readsALabelsFileAndClassifiesEveryImage(@TempDir Path dir) throws Exception {
    assumeFixtures();
    Path image = shared().resolve(ExTeachableMachine.IMAGE);
    long classes;
    try (Model model = Models.load(shared().resolve(ExTeachableMachine.FIXTURE))) {
      classes = model.outputShape().get(1);
    }
    StringBuilder labels = new StringBuilder();
    for (int i = 0; i < classes; i++) {
      labels.append(i).append(" label number ").append(i).append('\n');
    }
    Path labelsFile = Files.writeString(dir.resolve("labels.txt"), labels.toString());
    String printed = EpisodesTest.capture(() -> ExTeachableMachine.main(new String[] {
        shared().resolve(ExTeachableMachine.FIXTURE).toString(), labelsFile.toString(), image.toString(),
        image.toString()}));
    assertThat(printed.lines().filter(l -> l.equals("Image: " + image))).hasSize(2);
    assertThat(printed.lines().filter(l -> l.matches("Class: label number \\d+"))).hasSize(2);
    assertThat(printed.lines().filter(l -> l.startsWith("Confidence Score: 0."))).hasSize(2);

    Path wrong = Files.writeString(dir.resolve("wrong.txt"), "0 a\n".repeat((int) classes + 1));
    assertThatThrownBy(() -> ExTeachableMachine.main(new String[] {
        shared().resolve(ExTeachableMachine.FIXTURE).toString(), wrong.toString(), image.toString()}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels file has " + (classes + 1) + " lines");
  }

  @Test
  void printsUsageForTooFewArguments() {
    String printed = EpisodesTest.capture(() -> ExTeachableMachine.main(new String[] {"model.h5"}));
    assertThat(printed).contains("Usage: ExTeachableMachine <keras_model.h5> <labels.txt> <image>...");
  }

  @Test
  void labelsDropTheIndexWhateverItsLength(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("labels.txt"), "0 cat\n1 big dog\n\n10 Class 11\nbird\n");
    assertThat(ExTeachableMachine.readLabels(file)).containsExactly("cat", "big dog", "Class 11", "bird");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n");
    assertThatThrownBy(() -> ExTeachableMachine.readLabels(empty))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty.txt").hasMessageContaining("0 cat");
    assertThat(ExTeachableMachine.generatedLabels(3)).isEqualTo(List.of("Class 1", "Class 2", "Class 3"));
  }

  @Test
  void scoresPrintAsNumpyPrintsAFloat32() {
    // str(np.float32(v)) from numpy 1.24 for each v.
    assertThat(ExTeachableMachine.numpyFloat32(0.1f)).isEqualTo("0.1");
    assertThat(ExTeachableMachine.numpyFloat32(1f / 3)).isEqualTo("0.33333334");
    assertThat(ExTeachableMachine.numpyFloat32(1e-5f)).isEqualTo("1e-05");
    assertThat(ExTeachableMachine.numpyFloat32(1f)).isEqualTo("1.0");
    assertThat(ExTeachableMachine.numpyFloat32(123456.7f)).isEqualTo("123456.7");
    assertThat(ExTeachableMachine.numpyFloat32(2.5e-5f)).isEqualTo("2.5e-05");
    assertThat(ExTeachableMachine.numpyFloat32(16777216f)).isEqualTo("16777216.0");
    assertThat(ExTeachableMachine.numpyFloat32(0.99853f)).isEqualTo("0.99853");
    assertThat(ExTeachableMachine.numpyFloat32(3.0517578e-05f)).isEqualTo("3.0517578e-05");
    assertThat(ExTeachableMachine.numpyFloat32(1e-4f)).isEqualTo("1e-04");
    assertThat(ExTeachableMachine.numpyFloat32(0.00012345678f)).isEqualTo("0.00012345678");
    assertThat(ExTeachableMachine.numpyFloat32(1e16f)).isEqualTo("1e+16");
    assertThat(ExTeachableMachine.numpyFloat32(Float.MIN_VALUE)).isEqualTo("1e-45");
  }
}
