package io.github.keras4j.examples;

import io.github.keras4j.Keras;
import io.github.keras4j.data.PadOptions;
import io.github.keras4j.data.Sequences;
import io.github.keras4j.data.plot.Plots;
import io.github.keras4j.data.text.Tokenizer;
import io.github.keras4j.layers.Bidirectional;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.Embedding;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.LSTM;
import io.github.keras4j.models.EvaluateOptions;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.models.Sequential;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Text classification as Keras's sentiment tutorials do it: a {@link Tokenizer} turns short reviews into word
 * indices, {@link Sequences#padSequences} brings them to one length, and {@code Embedding → Bidirectional(LSTM) →
 * Dense(sigmoid)} learns positive vs negative. The reviews are generated here (seeded) from small word lists,
 * including negations ("not good") that a bag of words gets wrong but a recurrent model can learn.
 *
 * <p>The model is saved as {@code <out>/text-classifier.keras} and the tokenizer as {@code <out>/tokenizer.json} in
 * Keras's exact format (Python's {@code tokenizer_from_json} reads it); both are loaded back and classify new
 * reviews identically. The loss and accuracy per epoch are drawn in {@code <out>/text-classifier-history.png}.
 *
 * <p>Arguments: {@code [outputDir] [epochs]} (defaults {@code target}, 8).
 */
public final class ExTextClassifier {
  static final int MAXLEN = 10;
  static final int NUM_WORDS = 200;

  private static final String[] SUBJECTS = {"the movie", "this film", "the plot", "the acting", "the ending",
      "the soundtrack", "the story", "the cast"};
  private static final String[] GOOD = {"great", "wonderful", "brilliant", "moving", "fun", "superb", "excellent"};
  private static final String[] BAD = {"boring", "awful", "dull", "terrible", "weak", "bad", "tedious"};
  private static final String[] INTENSIFIERS = {"", "really ", "truly ", "very ", "quite "};

  private ExTextClassifier() {}

  /** A labelled review: 1 positive, 0 negative. */
  record Review(String text, int label) {}

  /** Generates {@code n} reviews, half positive, about a third of them negated ("was not good" is negative). */
  static List<Review> reviews(int n, long seed) {
    Random r = new Random(seed);
    List<Review> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int label = i % 2;
      boolean negated = r.nextInt(3) == 0;
      String[] words = (label == 1) != negated ? GOOD : BAD;
      String text = SUBJECTS[r.nextInt(SUBJECTS.length)] + " was " + (negated ? "not " : "")
          + INTENSIFIERS[r.nextInt(INTENSIFIERS.length)] + words[r.nextInt(words.length)]
          + (r.nextBoolean() ? "!" : ".");
      out.add(new Review(text, label));
    }
    return out;
  }

  /** What a run produced. */
  record Result(double trainAccuracy, double testAccuracy, float[][] predictions, float[][] reloadedPredictions,
      List<String> newReviews) {}

  /** Runs the example. */
  public static void main(String[] args) throws Exception {
    Path out = Course.outputDir(args);
    int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    Result r = run(out, epochs, 3, true);
    System.out.printf(Locale.ROOT, "train accuracy: %.4f, test accuracy: %.4f%n", r.trainAccuracy(),
        r.testAccuracy());
    for (int i = 0; i < r.newReviews().size(); i++) {
      System.out.printf(Locale.ROOT, "%-40s positive: %.3f (reloaded model and tokenizer: %.3f)%n",
          "\"" + r.newReviews().get(i) + "\"", r.predictions()[i][0], r.reloadedPredictions()[i][0]);
    }
  }

  /** Texts → word indices → padded to {@code MAXLEN} (zeros before, Keras's default), one row per text. */
  static int[][] encode(Tokenizer tokenizer, List<String> texts) {
    return Sequences.padSequences(tokenizer.textsToSequences(texts), new PadOptions().maxlen(MAXLEN));
  }

  static Result run(Path out, int epochs, long seed, boolean verbose) throws Exception {
    Keras.setRandomSeed(seed);
    List<Review> train = reviews(600, seed);
    List<Review> test = reviews(200, seed + 1);
    Tokenizer tokenizer = new Tokenizer().numWords(NUM_WORDS).oovToken("<OOV>");
    tokenizer.fitOnTexts(train.stream().map(Review::text).toList());
    if (verbose) {
      System.out.println("Vocabulary: " + tokenizer.wordIndex().size() + " words; first: "
          + tokenizer.wordIndex().entrySet().stream().limit(8).map(Map.Entry::getKey).toList());
    }
    int[][] xTrain = encode(tokenizer, train.stream().map(Review::text).toList());
    int[] yTrain = train.stream().mapToInt(Review::label).toArray();
    int[][] xTest = encode(tokenizer, test.stream().map(Review::text).toList());
    int[] yTest = test.stream().mapToInt(Review::label).toArray();

    List<String> newReviews = List.of("the story was truly wonderful", "the acting was not great",
        "this film was not boring at all", "the ending was really dull");
    Path modelFile = out.resolve("text-classifier.keras");
    Path tokenizerFile = out.resolve("tokenizer.json");
    float[][] predictions;
    double trainAccuracy;
    double testAccuracy;
    try (Sequential model = new Sequential(
        new InputLayer(MAXLEN),
        new Embedding(NUM_WORDS, 16).maskZero(true),
        new Bidirectional(new LSTM(16)),
        new Dense(1).activation("sigmoid"))) {
      model.compile(new Adam(0.01), "binary_crossentropy", "accuracy");
      if (verbose) {
        model.summary();
      }
      float[][] yTrainColumn = column(yTrain);
      var history = model.fit(xTrain, yTrainColumn,
          new FitOptions().epochs(epochs).batchSize(32).verbose(verbose ? 2 : 0).seed(seed));
      Plots.history(history, out.resolve("text-classifier-history.png"));
      List<Double> acc = history.history().get("accuracy");
      trainAccuracy = acc.get(acc.size() - 1);
      testAccuracy = model.evaluate(xTest, column(yTest), new EvaluateOptions().verbose(0)).get("accuracy");
      predictions = model.predict(encode(tokenizer, newReviews), new PredictOptions().verbose(0));
      model.save(modelFile);
      Files.writeString(tokenizerFile, tokenizer.toJson());
    }
    float[][] reloaded;
    try (Model model = Models.load(modelFile)) {
      Tokenizer again = Tokenizer.fromJson(Files.readString(tokenizerFile));
      reloaded = model.predict(encode(again, newReviews), new PredictOptions().verbose(0));
    }
    return new Result(trainAccuracy, testAccuracy, predictions, reloaded, newReviews);
  }

  private static float[][] column(int[] labels) {
    float[][] y = new float[labels.length][1];
    for (int i = 0; i < labels.length; i++) {
      y[i][0] = labels[i];
    }
    return y;
  }
}
