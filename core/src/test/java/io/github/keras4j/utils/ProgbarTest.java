package io.github.keras4j.utils;

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

  /** Draws a bar on System.out as fit does, with Progbar's own decision. */
  public static final class DrawOnStdout {
    public static void main(String[] args) throws Exception {
      System.out.println("interactive=" + Progbar.stdoutIsTerminal());
      Progbar bar = new Progbar(5, 1, System.out, Progbar.stdoutIsTerminal(), "step");
      for (int i = 1; i <= 5; i++) {
        bar.update(i, Map.of("loss", 1.0 / i), i == 5);
        Thread.sleep(60);
      }
    }
  }

  private static String runChild(ProcessBuilder builder, java.nio.file.Path log) throws Exception {
    builder.command(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), DrawOnStdout.class.getName());
    builder.environment().remove("KERAS4J_INTERACTIVE");
    Process p = builder.redirectOutput(log.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return java.nio.file.Files.readString(log);
  }

  @Test
  void aBarWrittenToALogFileHasNoCarriageReturns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    String log = runChild(new ProcessBuilder(), dir.resolve("fit.log"));
    assertThat(log).startsWith("interactive=false\n").doesNotContain("\r").doesNotContain("\b");
    assertThat(log.lines().filter(l -> l.startsWith("5/5 [")).count()).isEqualTo(1);
  }

  @Test
  void decidesByTheKindOfOutput() {
    assertThat(Progbar.OutputKind.classify("/dev/pts/3")).isEqualTo(Progbar.OutputKind.TERMINAL);
    assertThat(Progbar.OutputKind.classify("/dev/tty1")).isEqualTo(Progbar.OutputKind.TERMINAL);
    assertThat(Progbar.OutputKind.classify("/var/log/train.log")).isEqualTo(Progbar.OutputKind.FILE);
    assertThat(Progbar.OutputKind.classify("pipe:[12345]")).isEqualTo(Progbar.OutputKind.PIPE);
    assertThat(Progbar.OutputKind.classify("anon_inode:[eventfd]")).isEqualTo(Progbar.OutputKind.UNKNOWN);
    // A stream that is not stdout or stderr (a file the caller opened, a buffer) is never redrawn.
    assertThat(Progbar.isInteractive(new TestData.Capture().stream())).isFalse();
    String before = System.getProperty("keras4j.interactive");
    try {
      System.setProperty("keras4j.interactive", "true");
      assertThat(Progbar.isInteractive(System.out)).isTrue();
      System.setProperty("keras4j.interactive", "false");
      assertThat(Progbar.isInteractive(System.out)).isFalse();
    } finally {
      if (before == null) {
        System.clearProperty("keras4j.interactive");
      } else {
        System.setProperty("keras4j.interactive", before);
      }
    }
  }
}
