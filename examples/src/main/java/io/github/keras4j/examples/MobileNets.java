package io.github.keras4j.examples;

import io.github.keras4j.applications.MobileNet;
import io.github.keras4j.applications.WeightsCache;
import io.github.keras4j.models.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Episodes 15–17's MobileNet from the command line: {@code --alpha} (default 1.0), {@code --size} (default 224)
 * and {@code --weights <file>} (default: Keras's cache or a download). Without weights, the shared
 * {@code mobilenet_2_5_128_tf.h5} is used when present (alpha 0.25, size 128).
 */
final class MobileNets {
  private MobileNets() {}

  /** The shared official weights for alpha 0.25, 128×128. */
  static final String SHARED_WEIGHTS = "fixtures/keras/mobilenet_2_5_128_tf.h5";

  /** A built MobileNet and the input size it expects. */
  record Loaded(Model model, int size) {}

  /** Returns MobileNet with ImageNet weights as the arguments ask, or {@code null} after explaining what to pass. */
  static Loaded load(Args args) throws IOException {
    double alpha = args.number("alpha", 1.0);
    int size = args.integer("size", 224);
    String weights = args.option("weights", null);
    if (weights != null) {
      return new Loaded(create(alpha, size, Path.of(weights)), size);
    }
    try {
      return new Loaded(MobileNet.create(options(alpha, size)), size);
    } catch (WeightsCache.WeightsUnavailableException e) {
      for (String base : new String[] {"../shared/", "../../shared/"}) {
        Path shared = Path.of(base + SHARED_WEIGHTS);
        if (Files.isRegularFile(shared)) {
          System.out.println("MobileNet " + alpha + "/" + size + " ImageNet weights are not available; using the"
              + " shared alpha 0.25, 128×128 weights " + shared + ".");
          return new Loaded(create(0.25, 128, shared), 128);
        }
      }
      System.out.println(e.getMessage());
      System.out.println("Pass --alpha 0.25 --size 128 --weights <mobilenet_2_5_128_tf.h5> to use a local file.");
      return null;
    }
  }

  static Model create(double alpha, int size, Path weights) throws IOException {
    return MobileNet.create(options(alpha, size).weights(weights));
  }

  static MobileNet.Options options(double alpha, int size) {
    return new MobileNet.Options().alpha(alpha).inputShape(size, size, 3);
  }
}
