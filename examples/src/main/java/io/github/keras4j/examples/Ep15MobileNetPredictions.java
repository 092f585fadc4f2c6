package io.github.keras4j.examples;

import io.github.keras4j.applications.ImageNet;
import io.github.keras4j.applications.MobileNet;
import io.github.keras4j.data.image.ImageUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.ndarray.FloatNdArray;

/**
 * Episode 15 — MobileNet's ImageNet predictions on photos: load each image at the model's size, preprocess it
 * ({@code x / 127.5 - 1}), predict, and print the top-5 classes with {@code decodePredictions}.
 *
 * <p>Arguments: image files (default the shared {@code coffee.png}), {@code --alpha 0.25 --size 128 --weights
 * <mobilenet_2_5_128_tf.h5>} for a local weights file.
 */
public final class Ep15MobileNetPredictions {
  private Ep15MobileNetPredictions() {}

  /** Runs the episode. */
  public static void main(String[] args) throws Exception {
    Args parsed = new Args(args);
    List<Path> images = new ArrayList<>();
    for (String p : parsed.positional()) {
      images.add(Path.of(p));
    }
    if (images.isEmpty()) {
      for (String base : new String[] {"../shared/", "../../shared/"}) {
        Path coffee = Path.of(base + "fixtures/images/coffee.png");
        if (Files.isRegularFile(coffee)) {
          images.add(coffee);
          break;
        }
      }
    }
    if (images.isEmpty()) {
      System.out.println("Ep15MobileNetPredictions: no image given and the shared coffee.png was not found; pass"
          + " image files as arguments.");
      return;
    }
    MobileNets.Loaded loaded = MobileNets.load(parsed);
    if (loaded == null) {
      return;
    }
    try (var mobile = loaded.model()) {
      for (Path image : images) {
        FloatNdArray x = MobileNet.preprocessInput(ImageUtils.expandDims(ImageUtils.imgToArray(
            ImageUtils.loadImg(image, loaded.size(), loaded.size()))));
        float[][] predictions = mobile.predict(x);
        List<ImageNet.Prediction> top5 = ImageNet.decodePredictions(predictions, 5).get(0);
        System.out.println(image.getFileName() + ":");
        for (ImageNet.Prediction p : top5) {
          System.out.printf(Locale.ROOT, "  %-10s %-20s %.4f%n", p.wnid(), p.name(), p.score());
        }
      }
    }
  }
}
