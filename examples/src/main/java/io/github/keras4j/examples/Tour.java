package io.github.keras4j.examples;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Lists the course's episodes and runs one by name.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java                          # list the episodes
 * ./mvnw -q -pl examples -am compile exec:java -Depisode=Ep04TrainAnn   # run one (also "ep04", "4")
 * </pre>
 *
 * <p>The Spark examples and benchmark are in the {@code spark-examples} module, with their own launcher
 * ({@code SparkTour}), so that Spark's jars stay off this module's class path.
 */
public final class Tour {
  /** One runnable episode. */
  public record Episode(String name, String description, MainMethod main) {}

  /** A {@code main(String[])}. */
  @FunctionalInterface
  public interface MainMethod {
    /** Runs it. */
    void run(String[] args) throws Exception;
  }

  /** The episodes, in course order. */
  public static final List<Episode> EPISODES =
      List.of(
          new Episode("Ep01Setup", "Keras4J and TensorFlow versions, the devices TensorFlow sees; how to use a GPU",
              Ep01Setup::main),
          new Episode("Ep02DataProcessing", "generate, shuffle and scale the clinical-trial data",
              Ep02DataProcessing::main),
          new Episode("Ep03CreateAnn", "the Sequential 16-32-2 network and its summary", Ep03CreateAnn::main),
          new Episode("Ep04TrainAnn", "compile (Adam 1e-4) and fit: batch 10, 30 epochs, verbose 2",
              Ep04TrainAnn::main),
          new Episode("Ep05Validation", "fit with validationSplit 0.1; training curves PNG", Ep05Validation::main),
          new Episode("Ep06Predict", "predict the test set and take the argmax", Ep06Predict::main),
          new Episode("Ep07ConfusionMatrix", "confusion matrix of the test predictions; PNG plot",
              Ep07ConfusionMatrix::main),
          new Episode("Ep08SaveLoad", "save/load the model (.h5), JSON/YAML architecture, weights only",
              Ep08SaveLoad::main),
          new Episode("Ep09ImagePreparation", "organize Dogs vs. Cats into train/valid/test; VGG16 batches; PNG",
              Ep09ImagePreparation::main),
          new Episode("Ep10TrainCnn", "train the course's CNN on the Dogs-vs-Cats iterators for 10 epochs",
              Ep10TrainCnn::main),
          new Episode("Ep10bCnnWithAugmentation", "the ep10 CNN with and without ep18's augmentation, side by side"
              + " (--epochs)", Ep10bCnnWithAugmentation::main),
          new Episode("Ep11CnnPredictions", "predict the 100 test images with the CNN; confusion matrix",
              Ep11CnnPredictions::main),
          new Episode("InspectModel", "summary and weights of a Keras file: <file> [--architecture f] [--input v,…]",
              InspectModel::main),
          new Episode("Ep12BuildFineTunedVgg16", "VGG16 copied into a Sequential, frozen, new 2-class head",
              Ep12BuildFineTunedVgg16::main),
          new Episode("Ep13TrainFineTunedVgg16", "train the fine-tuned VGG16 on Dogs vs. Cats (--epochs, --weights)",
              Ep13TrainFineTunedVgg16::main),
          new Episode("Ep14PredictFineTunedVgg16", "predict the test images with the fine-tuned VGG16; confusion matrix",
              Ep14PredictFineTunedVgg16::main),
          new Episode("Ep15MobileNetPredictions", "MobileNet ImageNet top-5 on photos (--alpha --size --weights)",
              Ep15MobileNetPredictions::main),
          new Episode("Ep16ProcessSignLanguage", "organize Sign Language Digits; MobileNet-preprocessed iterators",
              Ep16ProcessSignLanguage::main),
          new Episode("Ep17FineTuneMobileNet", "fine-tune MobileNet with the functional API; confusion matrix",
              Ep17FineTuneMobileNet::main),
          new Episode("Ep18DataAugmentation", "ten augmented copies of a dog photo as one PNG (--save-to-dir)",
              Ep18DataAugmentation::main),
          new Episode("BenchAnn", "benchmark: ms per epoch of the ep4/ep5 workload", BenchAnn::main),
          new Episode("BenchCnn", "benchmark: ep10 CNN training/predict img/s and the image pipeline", BenchCnn::main),
          new Episode("BenchMobileNet", "benchmark: MobileNet 1.0 fine-tuning and inference img/s", BenchMobileNet::main),
          new Episode("QuickStart", "the README's quick start: train, evaluate, save and reload a small classifier",
              QuickStart::main),
          new Episode("ExTeachableMachine", "a Teachable Machine Keras export on images, as its Python snippet:"
              + " <keras_model.h5> <labels.txt> <image…>", ExTeachableMachine::main),
          new Episode("ExTimeSeriesLstm", "airline passengers 1949-1960: LSTM forecaster, forecast-vs-truth PNG",
              ExTimeSeriesLstm::main),
          new Episode("ExTextClassifier", "Tokenizer + Embedding + Bidirectional LSTM on generated reviews;"
              + " tokenizer.json saved and reloaded", ExTextClassifier::main),
          new Episode("BenchLstm", "benchmark: stacked-LSTM training and inference sequences/s", BenchLstm::main),
          new Episode("BenchZoo", "benchmark: zoo models inference img/s (batch 10)", BenchZoo::main));

  private Tour() {}

  /** With no argument lists the episodes; otherwise runs the one named by the first argument. */
  public static void main(String[] args) throws Exception {
    run("Keras4J — the course, episode by episode.", EPISODES, args);
  }

  /**
   * A launcher's {@code main} over the given episodes (the Spark examples' {@code SparkTour} uses it too): with no
   * argument, or {@code list}, prints the title and the episodes; otherwise runs the one named by the first
   * argument (found as {@link #find(List, String)} does) with the remaining arguments.
   */
  public static void run(String title, List<Episode> episodes, String[] args) throws Exception {
    if (args.length == 0 || args[0].isBlank() || args[0].equalsIgnoreCase("list")) {
      System.out.println(title + " Run one with -Depisode=<name>:");
      int width = episodes.stream().mapToInt(e -> e.name().length()).max().orElse(0);
      for (Episode e : episodes) {
        System.out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", e.name(), e.description());
      }
      return;
    }
    Episode episode = find(episodes, args[0]);
    episode.main().run(Arrays.copyOfRange(args, 1, args.length));
  }

  /**
   * Finds one of the course's {@link #EPISODES} as {@link #find(List, String)} does.
   *
   * @throws IllegalArgumentException if no episode or several match; the message lists the names
   */
  public static Episode find(String query) {
    return find(EPISODES, query);
  }

  /**
   * Finds an episode by full name, or by prefix such as {@code ep04} or a bare number such as {@code 4}
   * (case-insensitive). A number names the course's episode ({@code 10} is {@code Ep10TrainCnn}, not
   * {@code Ep10bCnnWithAugmentation}, which {@code 10b} finds).
   *
   * @throws IllegalArgumentException if no episode or several match; the message lists the names
   */
  public static Episode find(List<Episode> episodes, String query) {
    String q = query.trim().toLowerCase(Locale.ROOT);
    java.util.regex.Matcher number = java.util.regex.Pattern.compile("(\\d+)([a-z]?)").matcher(q);
    if (number.matches()) { // "4" -> "ep04", "10b" -> "ep10b"
      q = String.format(Locale.ROOT, "ep%02d", Integer.parseInt(number.group(1))) + number.group(2);
    }
    Map<String, Episode> matches = new LinkedHashMap<>();
    for (Episode e : episodes) {
      String name = e.name().toLowerCase(Locale.ROOT);
      if (name.equals(q)) {
        return e;
      }
      if (name.startsWith(q)) {
        matches.put(e.name(), e);
      }
    }
    if (matches.size() > 1 && query.trim().matches("\\d+")) {
      // "10" is episode 10 itself: the name whose number is followed by a capital (Ep10TrainCnn), not Ep10b…
      matches.values().removeIf(e -> !e.name().matches("(?i:ep)\\d+\\p{Lu}.*"));
    }
    if (matches.size() == 1) {
      return matches.values().iterator().next();
    }
    throw new IllegalArgumentException(
        (matches.isEmpty() ? "No episode named '" : "Several episodes match '") + query + "'. Episodes: "
            + episodes.stream().map(Episode::name).toList() + ".");
  }
}
