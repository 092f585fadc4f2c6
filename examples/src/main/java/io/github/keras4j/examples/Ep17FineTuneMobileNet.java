package io.github.keras4j.examples;

import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.KerasTensor;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.metrics.ConfusionMatrix;
import io.github.keras4j.models.FitOptions;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.PredictOptions;
import io.github.keras4j.optimizers.Adam;
import java.nio.file.Path;
import java.util.List;

/**
 * Episode 17 — fine-tune MobileNet on the Sign Language Digits with the functional API: take
 * {@code layers[-6].output} (the global average pooling), add {@code Dense(10, softmax)}, build
 * {@code new Model(mobile.input(), output)}, freeze all but the last 23 layers (the last two depthwise blocks, with
 * their BatchNormalization layers, stay trainable), train with Adam 1e-4, then predict the test images and print
 * the confusion matrix.
 *
 * <p>Arguments: the data folder and the output folder (positional, optional), {@code --epochs N} (default 10),
 * {@code --alpha}, {@code --size}, {@code --weights <file>} (e.g. {@code --alpha 0.25 --size 128 --weights
 * mobilenet_2_5_128_tf.h5}).
 */
public final class Ep17FineTuneMobileNet {
  private Ep17FineTuneMobileNet() {}

  /** The fine-tuned model and its test accuracy. */
  record Result(Model model, ConfusionMatrix confusionMatrix) {}

  /** Runs the episode. */
  public static void main(String[] args) throws Exception {
    Args parsed = new Args(args);
    Path data = SignLanguageDigits.organize(parsed.positional());
    if (data == null) {
      return;
    }
    MobileNets.Loaded loaded = MobileNets.load(parsed);
    if (loaded == null) {
      return;
    }
    SignLanguageDigits.Batches batches =
        SignLanguageDigits.batches(data, SignLanguageDigits.outputDir(parsed.positional()), loaded.size());
    Result result = run(loaded.model(), batches, parsed.integer("epochs", 10), 2);
    try (Model model = result.model()) {
      System.out.println("Fine-tuned " + model.trainableWeights().size() + " trainable weights.");
      ConfusionMatrix cm = result.confusionMatrix();
      Ep11CnnPredictions.printAndPlot(
          cm, batches.test().classIndices(), batches.out().resolve("ep17-confusion-matrix.png"));
    }
  }

  /** Builds the fine-tuning model from {@code mobile} as the course does. */
  static Model fineTuned(Model mobile) {
    List<Layer> mobileLayers = mobile.layers();
    KerasTensor x = mobileLayers.get(mobileLayers.size() - 6).output();
    KerasTensor output = new Dense(10).activation("softmax").apply(x);
    Model model = new Model(mobile.input(), output);
    List<Layer> layers = model.layers();
    for (Layer layer : layers.subList(0, layers.size() - 23)) {
      layer.trainable(false);
    }
    return model;
  }

  /** Fine-tunes, then predicts the test set. */
  static Result run(Model mobile, SignLanguageDigits.Batches batches, int epochs, int verbose) {
    Model model = fineTuned(mobile);
    if (verbose > 0) {
      model.summary();
    }
    model.compile(new Adam(0.0001), "categorical_crossentropy", "accuracy");
    model.fit(batches.train(), new FitOptions().validationData(batches.valid()).epochs(epochs).verbose(verbose));
    float[][] predictions = model.predict(batches.test(), new PredictOptions().verbose(0));
    ConfusionMatrix cm =
        ConfusionMatrix.of(batches.test().classes(), ConfusionMatrix.argmax(predictions), batches.test().numClasses());
    return new Result(model, cm);
  }
}
