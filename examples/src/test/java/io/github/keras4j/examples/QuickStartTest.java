package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.keras4j.KerasContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's quick start ({@link QuickStart}, pasted into the README as is) runs and learns its task. */
class QuickStartTest {
  @Test
  void theQuickStartRunsAsWrittenAndLearns() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    try (KerasContext.Scope scope = KerasContext.isolated();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      QuickStart.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("Model: \"sequential\"").contains("Epoch 30/30");
    Matcher accuracy = Pattern.compile("evaluate: \\{.*accuracy=([0-9.]+)").matcher(printed);
    assertThat(accuracy.find()).as(printed).isTrue();
    assertThat(Double.parseDouble(accuracy.group(1))).isGreaterThan(0.9);
    Matcher p = Pattern.compile("for \\(0\\.1, 0\\.2\\): ([0-9.]+), for \\(0\\.9, 0\\.9\\): ([0-9.]+)")
        .matcher(printed);
    assertThat(p.find()).as(printed).isTrue();
    assertThat(Double.parseDouble(p.group(1))).isGreaterThan(0.5);
    assertThat(Double.parseDouble(p.group(2))).isLessThan(0.5);
  }
}
