package io.github.keras4j.data.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsLinesTest {
  @TempDir Path dir;

  @Test
  void drawsSeriesWithGapsIntoAPng() throws Exception {
    double[] truth = new double[24];
    double[] forecast = new double[24];
    for (int i = 0; i < 24; i++) {
      truth[i] = Math.sin(i / 3.0);
      forecast[i] = i < 12 ? Double.NaN : Math.sin(i / 3.0) + 0.1;
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("truth", truth);
    series.put("forecast", forecast);
    Path png = dir.resolve("sub/lines.png");
    Plots.lines(series, "Forecast", "Month", "Value", png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isGreaterThan(400);
    // matplotlib's first two cycle colors (blue #1f77b4, orange #ff7f0e) are drawn somewhere
    boolean blue = false;
    boolean orange = false;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        blue |= rgb == 0x1f77b4;
        orange |= rgb == 0xff7f0e;
      }
    }
    assertThat(blue).isTrue();
    assertThat(orange).isTrue();
  }

  @Test
  void rejectsSeriesWithoutValues() {
    assertThatThrownBy(() -> Plots.lines(Map.of("a", new double[] {Double.NaN}), "t", "x", "y",
        dir.resolve("x.png"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no finite value");
  }
}
