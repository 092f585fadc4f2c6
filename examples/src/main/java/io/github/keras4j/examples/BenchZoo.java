package io.github.keras4j.examples;

import io.github.keras4j.applications.DenseNet121;
import io.github.keras4j.applications.EfficientNetB0;
import io.github.keras4j.applications.InceptionV3;
import io.github.keras4j.applications.MobileNetV2;
import io.github.keras4j.applications.ResNet50;
import io.github.keras4j.applications.ResNet50V2;
import io.github.keras4j.applications.Xception;
import io.github.keras4j.models.BatchSource;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.PredictOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Inference benchmark of the model zoo: each Keras application (with its top, random weights, so it runs offline)
 * predicts random images at its default size with batch 10; one warm-up batch, then a timed pass. Last lines:
 * {@code zoo_<name>_predict_img_per_s=<n>}, one per model.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am compile exec:java -Depisode=BenchZoo} (optional arguments: images per
 * timed pass, default 30, then model names to run, e.g. {@code 50 resnet50 densenet121}).
 */
public final class BenchZoo {
  private BenchZoo() {}

  /** A zoo model: its benchmark name, input size and builder. */
  private record Entry(String name, int size, Builder builder) {}

  @FunctionalInterface
  private interface Builder {
    Model build() throws IOException;
  }

  private static List<Entry> zoo() {
    List<Entry> zoo = new ArrayList<>();
    zoo.add(new Entry("mobilenetv2", 224, () -> MobileNetV2.create(new MobileNetV2.Options().weights((String) null))));
    zoo.add(new Entry("resnet50", 224, () -> ResNet50.create(new ResNet50.Options().weights((String) null))));
    zoo.add(new Entry("resnet50v2", 224, () -> ResNet50V2.create(new ResNet50V2.Options().weights((String) null))));
    zoo.add(new Entry("inceptionv3", 299,
        () -> InceptionV3.create(new InceptionV3.Options().weights((String) null))));
    zoo.add(new Entry("xception", 299, () -> Xception.create(new Xception.Options().weights((String) null))));
    zoo.add(new Entry("densenet121", 224,
        () -> DenseNet121.create(new DenseNet121.Options().weights((String) null))));
    zoo.add(new Entry("efficientnetb0", 224,
        () -> EfficientNetB0.create(new EfficientNetB0.Options().weights((String) null))));
    return zoo;
  }

  /** Runs the benchmark (see the class comment for the arguments). */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    if (n < 10) {
      throw new IllegalArgumentException("BenchZoo: images per pass must be at least 10 (one batch), but got " + n);
    }
    List<String> wanted = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      wanted.add(args[i].toLowerCase(Locale.ROOT));
    }
    Map<String, Double> results = new LinkedHashMap<>();
    for (Entry e : zoo()) {
      if (!wanted.isEmpty() && !wanted.contains(e.name())) {
        continue;
      }
      try (Model model = e.builder().build()) {
        BatchSource warmUp = new BenchMobileNet.RandomImages(10, e.size(), 10);
        BatchSource images = new BenchMobileNet.RandomImages(n, e.size(), 10);
        model.predict(warmUp, new PredictOptions());
        long t0 = System.nanoTime();
        model.predict(images, new PredictOptions());
        double perSecond = n / ((System.nanoTime() - t0) / 1e9);
        results.put(e.name(), perSecond);
        System.out.printf(Locale.ROOT, "%-12s %dx%dx3, %,d params, batch 10, %d images: %.1f img/s%n", e.name(),
            e.size(), e.size(), model.countParams(), n, perSecond);
      }
    }
    if (results.isEmpty()) {
      throw new IllegalArgumentException("BenchZoo: no model named " + wanted + "; choose from "
          + zoo().stream().map(Entry::name).toList());
    }
    System.out.printf(Locale.ROOT, "peak RSS: %s%n", BenchAnn.peakRss());
    results.forEach((name, v) -> System.out.printf(Locale.ROOT, "zoo_%s_predict_img_per_s=%.1f%n", name, v));
  }
}
