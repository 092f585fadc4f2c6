package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SparkTour lists and finds the Spark examples (without starting Spark); the course's Tour no longer has them. */
class SparkTourTest {
  @Test
  void listsAndFindsTheSparkExamples() throws Exception {
    assertThat(Tour.find(SparkTour.EPISODES, "exsparkp").name()).isEqualTo("ExSparkPredict");
    assertThat(Tour.find(SparkTour.EPISODES, "BenchSpark").name()).isEqualTo("BenchSpark");
    assertThatThrownBy(() -> Tour.find(SparkTour.EPISODES, "ExSpark"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Several episodes match");
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      System.setOut(stream);
      SparkTour.main(new String[] {"list"});
    } finally {
      System.setOut(original);
    }
    String listed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(listed).contains("ExSparkPredict", "ExSparkTrain", "BenchSpark").doesNotContain("Ep04TrainAnn");
    assertThat(Tour.EPISODES).extracting(Tour.Episode::name).doesNotContain("ExSparkPredict", "BenchSpark");
  }
}
