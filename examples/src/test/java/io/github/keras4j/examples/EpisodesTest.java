package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.History;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ANN episodes reproduce the course's numbers. */
class EpisodesTest {
  private static final String COURSE_SUMMARY =
      """
      Model: "sequential"
      _________________________________________________________________
      Layer (type)                 Output Shape              Param #  \s
      =================================================================
      dense (Dense)                (None, 16)                32       \s
      _________________________________________________________________
      dense_1 (Dense)              (None, 32)                544      \s
      _________________________________________________________________
      dense_2 (Dense)              (None, 2)                 66       \s
      =================================================================
      Total params: 642
      Trainable params: 642
      Non-trainable params: 0
      _________________________________________________________________
      """;

  @Test
  void generatesTheCourseDataSizes() {
    Course.Prepared data = Course.prepareData();
    assertThat(data.trainSamples()).hasSize(2100);
    assertThat(data.testSamples()).hasSize(420);
    assertThat(data.scaledTrainSamples()).hasNumberOfRows(2100);
    for (float[] row : data.scaledTrainSamples()) {
      assertThat(row[0]).isBetween(0f, 1f);
    }
    int outliers = 0;
    for (int i = 0; i < data.trainSamples().length; i++) {
      boolean older = data.trainSamples()[i] >= 65;
      if ((data.trainLabels()[i] == 1) != older) {
        outliers++;
      }
    }
    assertThat(outliers).isEqualTo(100);
  }

  @Test
  void episode3PrintsTheCourseSummaryExactly() {
    String printed = capture(() -> Ep03CreateAnn.main(new String[0]));
    assertThat(printed).isEqualTo(COURSE_SUMMARY);
  }

  @Test
  void episode5ReachesNinetyPercentValidationAccuracy() {
    try (var scope = KerasContext.isolated(); Sequential model = Course.buildCompiledModel()) {
      Course.Prepared data = Course.prepareData();
      History history =
          model.fit(
              data.scaledTrainSamples(), data.trainLabels(),
              new FitOptions().validationSplit(0.1).batchSize(10).epochs(30).verbose(0).seed(Course.SEED));
      assertThat(history.get("val_accuracy")).hasSize(30);
      assertThat(history.get("val_accuracy").get(29)).isGreaterThanOrEqualTo(0.90);
      assertThat(history.get("accuracy").get(29)).isGreaterThanOrEqualTo(0.90);
      assertThat(history.get("loss").get(29)).isLessThan(history.get("loss").get(0));
    }
  }

  @Test
  void episode4TrainsAModelThatGeneralizes() {
    try (var scope = KerasContext.isolated(); Sequential model = Course.buildCompiledModel()) {
      Course.Prepared data = Course.prepareData();
      model.fit(
          data.scaledTrainSamples(), data.trainLabels(),
          new FitOptions().batchSize(10).epochs(30).shuffle(true).verbose(0).seed(Course.SEED));
      Map<String, Double> test =
          model.evaluate(
              data.scaledTestSamples(), data.testLabels(),
              new io.github.keras4j.models.EvaluateOptions().verbose(0));
      assertThat(test.get("accuracy")).isGreaterThanOrEqualTo(0.90);
    }
  }

  @Test
  void episode7ConfusionMatrixSumsTo420WithNinetyPercentOnTheDiagonal(@TempDir Path out) throws Exception {
    try (var scope = KerasContext.isolated(); Sequential model = Course.buildCompiledModel()) {
      Course.Prepared data = Course.prepareData();
      Ep06Predict.trainQuietly(model, data);
      float[][] predictions =
          model.predict(data.scaledTestSamples(), new PredictOptions().batchSize(10).verbose(0));
      ConfusionMatrix cm = ConfusionMatrix.of(data.testLabels(), ConfusionMatrix.argmax(predictions));
      assertThat(cm.total()).isEqualTo(420);
      assertThat(cm.count(0, 0) + cm.count(1, 1)).isGreaterThanOrEqualTo(378);
    }
    String printed = capture(() -> Ep07ConfusionMatrix.main(new String[] {out.toString()}));
    assertThat(printed).contains("Confusion matrix, without normalization").contains("(420 samples)");
    Path png = out.resolve("ep07-confusion-matrix.png");
    assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(300);
  }

  @Test
  void otherEpisodesRunAndWriteTheirPictures(@TempDir Path out) {
    String ep02 = capture(() -> Ep02DataProcessing.main(new String[0]));
    assertThat(ep02).contains("Generated 2100 training samples").contains("scaled_train_samples: (2100, 1)");
    String ep05 = capture(() -> Ep05Validation.main(new String[] {out.toString()}));
    assertThat(ep05).contains("Epoch 30/30").containsPattern("189/189 - \\d+s - loss: \\d\\.\\d{4} - accuracy: ");
    assertThat(Files.exists(out.resolve("ep05-history.png"))).isTrue();
    String ep06 = capture(() -> Ep06Predict.main(new String[0]));
    assertThat(ep06).contains("predictions: 420 rows of 2");
  }

  @Test
  void tourFindsEpisodesByNamePrefixOrNumber() {
    assertThat(Tour.find("Ep04TrainAnn").name()).isEqualTo("Ep04TrainAnn");
    assertThat(Tour.find("ep07").name()).isEqualTo("Ep07ConfusionMatrix");
    assertThat(Tour.find("3").name()).isEqualTo("Ep03CreateAnn");
    assertThatThrownBy(() -> Tour.find("ep99"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No episode named 'ep99'")
        .hasMessageContaining("Ep02DataProcessing");
    assertThat(capture(() -> Tour.main(new String[0]))).contains("Ep07ConfusionMatrix");
  }

  interface Body {
    void run() throws Exception;
  }

  static String capture(Body body) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (var scope = KerasContext.isolated();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(stream);
      body.run();
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
