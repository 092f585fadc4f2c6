package io.github.keras4j.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.TestData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keras's text progress output, character for character. */
class ProgbarTest {
  private static Map<String, Double> courseLogs() {
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", 0.29471);
    logs.put("accuracy", 0.93124);
    logs.put("val_loss", 0.32879);
    logs.put("val_accuracy", 0.90951);
    return logs;
  }

  @Test
  void printsOneKerasLineAtTheEndWithVerbose2() {
    TestData.Capture out = new TestData.Capture();
    Progbar bar = new Progbar(189, 2, out.stream(), false, "step");
    bar.update(50, courseLogs(), false);
    assertThat(out.text()).isEmpty();
    bar.update(189, courseLogs(), true);
    assertThat(out.text()).isEqualTo(
        "189/189 - 0s - loss: 0.2947 - accuracy: 0.9312 - val_loss: 0.3288 - val_accuracy: 0.9095\n");
  }

  @Test
  void printsOnlyTheFinishedBarWithVerbose1WhenNotATerminal() {
    TestData.Capture out = new TestData.Capture();
    Progbar bar = new Progbar(189, 1, out.stream(), false, "step");
    bar.update(1, courseLogs(), false);
    bar.update(100, courseLogs(), false);
    assertThat(out.text()).isEmpty();
    bar.update(189, courseLogs(), true);
    assertThat(out.text()).matches(
        "189/189 \\[==============================\\] - 0s \\d+(s|ms|us)/step - loss: 0\\.2947 - accuracy: 0\\.9312"
            + " - val_loss: 0\\.3288 - val_accuracy: 0\\.9095\n");
  }

  @Test
  void redrawsThePartialBarInPlaceOnATerminal() {
    TestData.Capture out = new TestData.Capture();
    Progbar bar = new Progbar(10, 1, out.stream(), true, "step");
    bar.update(3, Map.of("loss", 0.5), false);
    assertThat(out.text()).isEqualTo("\r 3/10 [========>.....................] - ETA: 0s - loss: 0.5000");
    bar.update(10, Map.of("loss", 0.25), true);
    String text = out.text();
    String last = text.substring(text.lastIndexOf('\r') + 1);
    assertThat(text).contains("\b".repeat(31) + "\r");
    assertThat(last).matches("10/10 \\[==============================\\] - 0s \\d+(s|ms|us)/step - loss: 0\\.2500\\s*\n");
  }

  @Test
  void padsTheStepCountToTheWidthOfTheTarget() {
    TestData.Capture out = new TestData.Capture();
    Progbar bar = new Progbar(1000, 2, out.stream(), false, "step");
    bar.update(7, Map.of(), true);
    assertThat(out.text()).isEqualTo("   7/1000 - 0s\n");
  }

  @Test
  void printsSmallValuesInScientificNotation() {
    TestData.Capture out = new TestData.Capture();
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", 1e-4);
    logs.put("accuracy", 1.0);
    logs.put("mse", 0.001);
    new Progbar(5, 2, out.stream(), false, "step").update(5, logs, true);
    assertThat(out.text()).isEqualTo("5/5 - 0s - loss: 1.0000e-04 - accuracy: 1.0000 - mse: 1.0000e-03\n");
  }

  @Test
  void comparesMagnitudesWithVerbose1AndSignedValuesWithVerbose2AsKerasDoes() {
    assertThat(Progbar.formatValue(-0.5, true)).isEqualTo(" -0.5000");
    assertThat(Progbar.formatValue(-0.5, false)).isEqualTo(" -5.0000e-01");
    assertThat(Progbar.formatValue(0.0, true)).isEqualTo(" 0.0000e+00");
    assertThat(Progbar.formatValue(12.3456789, false)).isEqualTo(" 12.3457");
  }

  @Test
  void formatsTheTimePerStepAsKeras() {
    Progbar bar = new Progbar(1, 1, new TestData.Capture().stream(), false, "step");
    assertThat(bar.formatTimePerUnit(2.4)).isEqualTo(" 2s/step");
    assertThat(bar.formatTimePerUnit(0.012)).isEqualTo(" 12ms/step");
    assertThat(bar.formatTimePerUnit(0.00085)).isEqualTo(" 850us/step");
    assertThat(bar.formatTimePerUnit(0)).isEqualTo(" 0s/step");
  }

  @Test
  void printsEpochHeadersOnlyForMoreThanOneEpoch() {
    TestData.Capture many = new TestData.Capture();
    ProgbarLogger logger = new ProgbarLogger(2, 3, 4, many.stream(), false);
    logger.onEpochBegin(0, Map.of());
    logger.onEpochEnd(0, Map.of("loss", 0.5));
    assertThat(many.text()).isEqualTo("Epoch 1/3\n4/4 - 0s - loss: 0.5000\n");

    TestData.Capture one = new TestData.Capture();
    ProgbarLogger single = new ProgbarLogger(2, 1, 4, one.stream(), false);
    single.onEpochBegin(0, Map.of());
    single.onEpochEnd(0, Map.of("loss", 0.5));
    assertThat(one.text()).isEqualTo("4/4 - 0s - loss: 0.5000\n");
  }
}
