package io.github.keras4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.keras4j.applications.VGG16;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.DepthwiseConv2D;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.models.History;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Episodes 10 and 12–17 against the shared data (skipped when it is absent). */
class TransferLearningEpisodesTest {
  private static final Path SHARED = Path.of(System.getProperty("keras4j.shared", "../shared"));
  private static final Path MOBILENET = SHARED.resolve("fixtures/keras/mobilenet_2_5_128_tf.h5");
  private static final Path SIGNS = SHARED.resolve("data/sign-language-digits");

  @Test
  void episode12BuildsTheCourseModelWithTheCourseCounts() throws Exception {
    try (var scope = KerasContext.isolated()) {
      Model vgg16 = VGG16.create(new VGG16.Options().weights((String) null));
      assertThat(vgg16.countParams()).isEqualTo(138_357_544L);
      try (Sequential model = Vgg16FineTuning.fineTuned(vgg16, false)) {
        String summary = model.summaryString();
        assertThat(summary).contains("Total params: 134,268,738").contains("Trainable params: 8,194")
            .contains("Non-trainable params: 134,260,544");
        assertThat(model.layers()).hasSize(22);
        assertThat(model.layers().get(0).name()).isEqualTo("block1_conv1");
        // The copied layers are the very same objects, so they share VGG16's weights.
        assertThat(model.getLayer("fc2")).isSameAs(vgg16.getLayer("fc2"));
      }
    }
  }

  @Test
  void episode15ClassifiesTheCoffeePhoto() {
    assumeTrue(Files.isRegularFile(MOBILENET), "shared MobileNet weights absent");
    Path coffee = SHARED.resolve("fixtures/images/coffee.png");
    String out = EpisodesTest.capture(() -> Ep15MobileNetPredictions.main(new String[] {
        coffee.toString(), "--alpha", "0.25", "--size", "128", "--weights", MOBILENET.toString()}));
    assertThat(out).contains("coffee.png:").contains("espresso");
  }

  @Test
  void episodes16And17FineTuneMobileNetOnSignLanguage(@TempDir Path out) throws Exception {
    assumeTrue(Files.isRegularFile(MOBILENET) && Files.isDirectory(SIGNS), "shared data absent");
    String[] positional = {SIGNS.toString(), out.toString()};
    String printed = EpisodesTest.capture(() -> Ep16ProcessSignLanguage.main(
        new String[] {SIGNS.toString(), out.toString(), "--size", "128"}));
    assertThat(printed).contains("Found 1712 images belonging to 10 classes.")
        .contains("Found 300 images belonging to 10 classes.")
        .contains("Found 50 images belonging to 10 classes.");
    try (var scope = KerasContext.isolated()) {
      Path data = SignLanguageDigits.organize(positional);
      SignLanguageDigits.Batches batches = SignLanguageDigits.batches(data, out, 128);
      Model mobile = MobileNets.create(0.25, 128, MOBILENET);
      BatchNormalization bn = (BatchNormalization) mobile.getLayer("conv_pw_13_bn");
      DepthwiseConv2D dw = (DepthwiseConv2D) mobile.getLayer("conv_dw_13");
      float[] gammaBefore = bn.weights().get(0).read();
      float[] movingBefore = bn.movingMean().read();
      float[] depthwiseBefore = dw.weights().get(0).read();
      float[] frozenBefore = mobile.getLayer("conv_dw_1").weights().get(0).read();

      Ep17FineTuneMobileNet.Result result = Ep17FineTuneMobileNet.run(mobile, batches, 5, 0);
      try (Model model = result.model()) {
        List<Layer> trainable = model.layers().stream().filter(Layer::trainable).toList();
        assertThat(trainable).hasAtLeastOneElementOfType(BatchNormalization.class)
            .hasAtLeastOneElementOfType(DepthwiseConv2D.class);
        assertThat(bn.weights().get(0).read()).isNotEqualTo(gammaBefore);
        assertThat(bn.movingMean().read()).isNotEqualTo(movingBefore);
        assertThat(dw.weights().get(0).read()).isNotEqualTo(depthwiseBefore);
        assertThat(mobile.getLayer("conv_dw_1").weights().get(0).read()).isEqualTo(frozenBefore);
        assertThat(result.confusionMatrix().total()).isEqualTo(50);
        assertThat(result.confusionMatrix().accuracy()).isGreaterThanOrEqualTo(0.85);
      }
    }
  }

  @Test
  @Tag("slow")
  void episode10ReachesNinetyFivePercentTrainingAccuracyInTenEpochs(@TempDir Path out) throws Exception {
    Path dogs = SHARED.resolve("data/dogs-vs-cats");
    assumeTrue(Files.isDirectory(dogs), "shared Dogs vs. Cats absent");
    try (var scope = KerasContext.isolated(); Sequential cnn = Ep10TrainCnn.buildCnn()) {
      DogsVsCats.Batches batches = DogsVsCats.prepare(new String[] {dogs.toString(), out.toString()});
      History history = Ep10TrainCnn.train(cnn, batches, 10, 0);
      assertThat(history.get("accuracy").get(9)).isGreaterThanOrEqualTo(0.95);
      assertThat(cnn.summaryString()).contains("Total params: 420,802");
    }
  }
}
