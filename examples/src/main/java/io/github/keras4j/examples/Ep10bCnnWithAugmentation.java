package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.applications.VGG16;
import io.github.keras4j.data.image.DirectoryIterator;
import io.github.keras4j.data.image.FlowOptions;
import io.github.keras4j.data.image.ImageDataGenerator;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Sequential;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Episode 10, continued with episode 18's remedy: the episode-10 CNN trained twice on the same images from the same
 * initial weights — once on the plain training batches (as in episode 10), once on batches augmented by the
 * course's episode-18 generator (VGG16 preprocessing after the augmentation) — and the training and validation
 * accuracy of both runs printed side by side, epoch by epoch. The plain CNN learns the training images by heart
 * (training accuracy races ahead of validation accuracy); augmentation keeps the two close.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Depisode=Ep10bCnnWithAugmentation
 * ./mvnw -q -pl examples -am compile exec:java -Depisode="Ep10bCnnWithAugmentation --epochs 10"
 * </pre>
 *
 * <p>Each epoch reads the 1,000 training and 200 validation images (20–35 s on 2 cores), so the default of 3
 * epochs per run takes 2–4 minutes in all; the course trains 10 ({@code --epochs 10}).
 */
public final class Ep10bCnnWithAugmentation {
  private Ep10bCnnWithAugmentation() {}

  /** The two runs' histories. */
  record Comparison(History plain, History augmented) {
    /** Returns the last epoch's training minus validation accuracy of a run. */
    static double finalGap(History h) {
      List<Double> acc = h.get("accuracy");
      List<Double> val = h.get("val_accuracy");
      return acc.get(acc.size() - 1) - val.get(val.size() - 1);
    }
  }

  /** The augmenting generator: the course's episode-18 settings, then VGG16's preprocessing. */
  static ImageDataGenerator augmentingGenerator() {
    return Ep18DataAugmentation.generator().preprocessingFunction(VGG16::preprocessInput);
  }

  /**
   * Trains both runs for {@code epochs} epochs each (seeded: same initial weights, same shuffling) and returns their
   * histories.
   */
  static Comparison compare(Path data, Path out, int epochs, int verbose) throws Exception {
    DogsVsCats.Batches plain = DogsVsCats.batches(data, out);
    DirectoryIterator augmentedTrain = augmentingGenerator().flowFromDirectory(data.resolve("train"),
        new FlowOptions().targetSize(224, 224).classes("cat", "dog").batchSize(10).seed(Course.SEED));
    DogsVsCats.Batches augmented =
        new DogsVsCats.Batches(augmentedTrain, plain.valid(), plain.test(), plain.out());

    History plainHistory = trainFresh("Plain training batches (episode 10):", plain, epochs, verbose);
    History augmentedHistory =
        trainFresh("Augmented training batches (episode 18's generator):", augmented, epochs, verbose);
    return new Comparison(plainHistory, augmentedHistory);
  }

  /** Trains episode 10's CNN on these batches from a fresh session and the course's seed, after a title line. */
  private static History trainFresh(String title, DogsVsCats.Batches batches, int epochs, int verbose) {
    Keras.clearSession();
    Keras.setRandomSeed(Course.SEED);
    System.out.println(title);
    try (Sequential cnn = Ep10TrainCnn.buildCnn()) {
      return Ep10TrainCnn.train(cnn, batches, epochs, verbose);
    }
  }

  /** Formats the side-by-side table. */
  static String table(Comparison c) {
    StringBuilder sb = new StringBuilder();
    sb.append("        |        plain (ep10)        |     augmented (ep18 gen)\n");
    sb.append(" epoch  | accuracy val_acc    gap   | accuracy val_acc    gap\n");
    List<Double> pa = c.plain().get("accuracy");
    List<Double> pv = c.plain().get("val_accuracy");
    List<Double> aa = c.augmented().get("accuracy");
    List<Double> av = c.augmented().get("val_accuracy");
    for (int e = 0; e < pa.size(); e++) {
      sb.append(String.format(Locale.ROOT, " %5d  |  %.4f   %.4f  %+.4f |  %.4f   %.4f  %+.4f%n", e + 1,
          pa.get(e), pv.get(e), pa.get(e) - pv.get(e), aa.get(e), av.get(e), aa.get(e) - av.get(e)));
    }
    sb.append(String.format(Locale.ROOT,
        "final train - validation accuracy gap: plain %+.4f, augmented %+.4f (%s)%n",
        Comparison.finalGap(c.plain()), Comparison.finalGap(c.augmented()),
        Comparison.finalGap(c.augmented()) < Comparison.finalGap(c.plain())
            ? "augmentation narrows the gap" : "augmentation did not narrow the gap in this run"));
    return sb.toString();
  }

  /**
   * Runs the episode.
   *
   * @param args optional: the Dogs-vs-Cats folder, the output folder (default {@code target}), {@code --epochs N}
   *     (default 3)
   */
  public static void main(String[] args) throws Exception {
    Args parsed = new Args(args);
    String[] positional = parsed.positional();
    int epochs = parsed.integer("epochs", 3);
    if (epochs <= 0) {
      throw new IllegalArgumentException("--epochs must be a positive integer, but got " + epochs + ".");
    }
    Path data = DogsVsCats.organize(positional);
    if (data == null) {
      return;
    }
    Comparison c = compare(data, DogsVsCats.outputDir(positional), epochs, 2);
    System.out.println();
    System.out.print(table(c));
  }
}
