package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.Keras;
import io.github.keras4j.models.History;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Episodes 1, 18 and 10b (the Dogs-vs-Cats parts skip when the shared data is absent). */
class AugmentationEpisodesTest {
  private static final Path DOGS_VS_CATS =
      Path.of(System.getProperty("keras4j.shared", "../shared")).resolve("data/dogs-vs-cats");

  @Test
  void episode1PrintsTheVersionsAndTheDevices() {
    String printed = EpisodesTest.capture(() -> Ep01Setup.main(new String[0]));
    assertThat(printed).contains("Keras4J version: " + Keras.VERSION).containsPattern("TensorFlow version: 2\\.\\d+")
        .containsPattern("/device:CPU:0 +CPU").containsPattern("Num GPUs Available: \\d+");
    List<Ep01Setup.Device> devices = Ep01Setup.devices();
    assertThat(devices).extracting(Ep01Setup.Device::type).contains("CPU");
    if (devices.stream().noneMatch(d -> d.type().equals("GPU"))) {
      assertThat(printed).contains("<artifactId>tensorflow-core-native</artifactId>")
          .contains("<classifier>linux-x86_64-gpu</classifier>");
    }
  }

  @Test
  void theTourListsTheNewEpisodesInCourseOrder() {
    assertThat(Tour.find("1").name()).isEqualTo("Ep01Setup");
    assertThat(Tour.find("10").name()).isEqualTo("Ep10TrainCnn");
    assertThat(Tour.find("10b").name()).isEqualTo("Ep10bCnnWithAugmentation");
    assertThat(Tour.find("18").name()).isEqualTo("Ep18DataAugmentation");
    List<String> names = Tour.EPISODES.stream().map(Tour.Episode::name).toList();
    assertThat(names.get(0)).isEqualTo("Ep01Setup");
    assertThat(names.indexOf("Ep10bCnnWithAugmentation")).isEqualTo(names.indexOf("Ep10TrainCnn") + 1);
    assertThat(names.indexOf("Ep18DataAugmentation")).isEqualTo(names.indexOf("Ep17FineTuneMobileNet") + 1);
  }

  @Test
  void episode18PlotsTenAugmentedDogsAndSavesThemWhenAsked(@TempDir Path out) throws Exception {
    assumeTrue(Files.isDirectory(DOGS_VS_CATS), "shared data absent: " + DOGS_VS_CATS.toAbsolutePath());
    Path saved = out.resolve("saved");
    String printed = EpisodesTest.capture(() -> Ep18DataAugmentation.main(new String[] {
        DOGS_VS_CATS.toString(), out.toString(), "--save-to-dir", saved.toString()}));
    assertThat(printed).containsPattern("Chosen image: .*train/dog/dog\\.\\d+\\.jpg, shape \\(1, \\d+, \\d+, 3\\)")
        .contains("ten augmented copies (seed 7)").contains("Saved 10 augmented images");
    BufferedImage grid = ImageIO.read(out.resolve("ep18-augmented.png").toFile());
    assertThat(grid.getWidth()).isEqualTo(10 + 10 * (200 + 10)); // ten images in one row
    try (Stream<Path> files = Files.list(saved)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).hasSize(10)
          .allMatch(name -> name.matches("aug-image-_0_\\d+\\.jpeg"));
    }
    // the same seed gives the same picture
    byte[] first = Files.readAllBytes(out.resolve("ep18-augmented.png"));
    EpisodesTest.capture(() -> Ep18DataAugmentation.main(new String[] {DOGS_VS_CATS.toString(), out.toString()}));
    assertThat(Files.readAllBytes(out.resolve("ep18-augmented.png"))).isEqualTo(first);
  }

  @Test
  void episode10bPrintsBothRunsSideBySide() {
    History plain = history(new double[] {0.60, 0.85, 0.97}, new double[] {0.55, 0.60, 0.62});
    History augmented = history(new double[] {0.55, 0.60, 0.64}, new double[] {0.56, 0.61, 0.63});
    String table = Ep10bCnnWithAugmentation.table(new Ep10bCnnWithAugmentation.Comparison(plain, augmented));
    assertThat(table).contains("plain (ep10)").contains("augmented (ep18 gen)")
        .contains("     3  |  0.9700   0.6200  +0.3500 |  0.6400   0.6300  +0.0100")
        .contains("final train - validation accuracy gap: plain +0.3500, augmented +0.0100 (augmentation narrows"
            + " the gap)");
  }

  /**
   * The claim of episode 18: trained from the same initial weights on the same images, the CNN that sees augmented
   * batches ends with a smaller gap between training and validation accuracy. 2–4 minutes on 2 cores.
   */
  @Test
  @Tag("slow")
  void augmentationNarrowsTheGapBetweenTrainingAndValidationAccuracy(@TempDir Path out) throws Exception {
    assumeTrue(Files.isDirectory(DOGS_VS_CATS), "shared data absent: " + DOGS_VS_CATS.toAbsolutePath());
    String[] positional = {DOGS_VS_CATS.toString(), out.toString()};
    StringBuilder table = new StringBuilder();
    Ep10bCnnWithAugmentation.Comparison[] result = new Ep10bCnnWithAugmentation.Comparison[1];
    EpisodesTest.capture(() -> {
      Path data = DogsVsCats.organize(positional);
      result[0] = Ep10bCnnWithAugmentation.compare(data, out, 3, 0);
      table.append(Ep10bCnnWithAugmentation.table(result[0]));
    });
    System.out.print(table);
    double plainGap = Ep10bCnnWithAugmentation.Comparison.finalGap(result[0].plain());
    double augmentedGap = Ep10bCnnWithAugmentation.Comparison.finalGap(result[0].augmented());
    assertThat(augmentedGap).as(table.toString()).isLessThan(plainGap);
  }

  private static History history(double[] accuracy, double[] valAccuracy) {
    History h = new History();
    h.onTrainBegin(Map.of());
    for (int e = 0; e < accuracy.length; e++) {
      h.onEpochEnd(e, Map.of("accuracy", accuracy[e], "val_accuracy", valAccuracy[e]));
    }
    return h;
  }
}
