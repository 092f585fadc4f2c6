package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.KerasContext;
import io.github.keras4j.data.text.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ExTimeSeriesLstm and ExTextClassifier, with few epochs (the text classifier, about 15 s, is tagged slow). */
class SequenceExamplesTest {
  /** The embedded series is the classic one: 144 months, total 40,363 (mean 280.30), min 104, max 622. */
  @Test
  void embedsTheAirlinePassengersSeries() {
    float[] s = ExTimeSeriesLstm.AIRLINE_PASSENGERS;
    assertThat(s).hasSize(144);
    double sum = 0;
    float min = Float.MAX_VALUE;
    float max = 0;
    for (float v : s) {
      sum += v;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertThat(sum).isEqualTo(40363);
    assertThat(min).isEqualTo(104);
    assertThat(max).isEqualTo(622);
  }

  @Test
  void timeSeriesLstmForecastsAndDrawsThePlot(@TempDir Path out) throws Exception {
    try (var scope = KerasContext.isolated()) {
      ExTimeSeriesLstm.Result r = ExTimeSeriesLstm.run(40, 7, false);
      // A model that learned something beats the naive spread of the series (std about 120 thousand).
      assertThat(r.trainRmse()).isLessThan(60);
      assertThat(r.testRmse()).isFinite();
      assertThat(r.history().history().get("loss")).hasSize(40);
      Path png = out.resolve("forecast.png");
      ExTimeSeriesLstm.plot(r.forecast(), png);
      assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(400);
    }
  }

  @Test
  @Tag("slow")
  void textClassifierLearnsNegationsAndReloadsModelAndTokenizer(@TempDir Path out) throws Exception {
    try (var scope = KerasContext.isolated()) {
      ExTextClassifier.Result r = ExTextClassifier.run(out, 6, 3, false);
      assertThat(r.trainAccuracy()).isGreaterThan(0.9);
      assertThat(r.testAccuracy()).isGreaterThan(0.85);
      for (int i = 0; i < r.predictions().length; i++) {
        assertThat(r.reloadedPredictions()[i][0]).isCloseTo(r.predictions()[i][0], within(1e-6f));
      }
      assertThat(r.predictions()[0][0]).as("\"%s\"", r.newReviews().get(0)).isGreaterThan(0.5f);
      assertThat(r.predictions()[1][0]).as("\"%s\"", r.newReviews().get(1)).isLessThan(0.5f);
      assertThat(out.resolve("text-classifier.keras")).isRegularFile();
      assertThat(ImageIO.read(out.resolve("text-classifier-history.png").toFile()).getWidth())
          .as("loss and accuracy panels").isEqualTo(2 * 640);
      String json = Files.readString(out.resolve("tokenizer.json"));
      assertThat(json).startsWith("{\"class_name\": \"Tokenizer\", \"config\": {\"num_words\": 200,");
      assertThat(Tokenizer.fromJson(json).oovToken()).isEqualTo("<OOV>");
    }
  }
}
