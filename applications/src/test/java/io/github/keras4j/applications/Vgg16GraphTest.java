package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.layers.InputLayer;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.MaxPooling2D;
import io.github.keras4j.models.Model;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VGG16's structure as tf.keras 2.4 builds it; no forward passes (138M parameters), structure and counts only. */
class Vgg16GraphTest {
  private static final String SUMMARY =
      """
      Model: "vgg16"
      _________________________________________________________________
      Layer (type)                 Output Shape              Param #  \s
      =================================================================
      input_1 (InputLayer)         [(None, 224, 224, 3)]     0        \s
      _________________________________________________________________
      block1_conv1 (Conv2D)        (None, 224, 224, 64)      1792     \s
      _________________________________________________________________
      block1_conv2 (Conv2D)        (None, 224, 224, 64)      36928    \s
      _________________________________________________________________
      block1_pool (MaxPooling2D)   (None, 112, 112, 64)      0        \s
      _________________________________________________________________
      block2_conv1 (Conv2D)        (None, 112, 112, 128)     73856    \s
      _________________________________________________________________
      block2_conv2 (Conv2D)        (None, 112, 112, 128)     147584   \s
      _________________________________________________________________
      block2_pool (MaxPooling2D)   (None, 56, 56, 128)       0        \s
      _________________________________________________________________
      block3_conv1 (Conv2D)        (None, 56, 56, 256)       295168   \s
      _________________________________________________________________
      block3_conv2 (Conv2D)        (None, 56, 56, 256)       590080   \s
      _________________________________________________________________
      block3_conv3 (Conv2D)        (None, 56, 56, 256)       590080   \s
      _________________________________________________________________
      block3_pool (MaxPooling2D)   (None, 28, 28, 256)       0        \s
      _________________________________________________________________
      block4_conv1 (Conv2D)        (None, 28, 28, 512)       1180160  \s
      _________________________________________________________________
      block4_conv2 (Conv2D)        (None, 28, 28, 512)       2359808  \s
      _________________________________________________________________
      block4_conv3 (Conv2D)        (None, 28, 28, 512)       2359808  \s
      _________________________________________________________________
      block4_pool (MaxPooling2D)   (None, 14, 14, 512)       0        \s
      _________________________________________________________________
      block5_conv1 (Conv2D)        (None, 14, 14, 512)       2359808  \s
      _________________________________________________________________
      block5_conv2 (Conv2D)        (None, 14, 14, 512)       2359808  \s
      _________________________________________________________________
      block5_conv3 (Conv2D)        (None, 14, 14, 512)       2359808  \s
      _________________________________________________________________
      block5_pool (MaxPooling2D)   (None, 7, 7, 512)         0        \s
      _________________________________________________________________
      flatten (Flatten)            (None, 25088)             0        \s
      _________________________________________________________________
      fc1 (Dense)                  (None, 4096)              102764544\s
      _________________________________________________________________
      fc2 (Dense)                  (None, 4096)              16781312 \s
      _________________________________________________________________
      predictions (Dense)          (None, 1000)              4097000  \s
      =================================================================
      Total params: 138,357,544
      Trainable params: 138,357,544
      Non-trainable params: 0
      _________________________________________________________________
      """;

  static List<String> expectedNames() {
    List<String> names = new ArrayList<>(List.of("input_1"));
    int[] convs = {2, 2, 3, 3, 3};
    for (int b = 1; b <= 5; b++) {
      for (int c = 1; c <= convs[b - 1]; c++) {
        names.add("block" + b + "_conv" + c);
      }
      names.add("block" + b + "_pool");
    }
    names.addAll(List.of("flatten", "fc1", "fc2", "predictions"));
    return names;
  }

  @Test
  void hasKerasLayersNamesAndParameterCount() {
    try (var scope = KerasContext.isolated()) {
      Model vgg = Vgg16Graph.build(new RandomWeightsOptions());
      assertThat(vgg.name()).isEqualTo("vgg16");
      assertThat(vgg.layers()).hasSize(23);
      assertThat(vgg.layers().stream().map(Layer::name).toList()).containsExactlyElementsOf(expectedNames());
      assertThat(vgg.layers().get(0)).isInstanceOf(InputLayer.class);
      assertThat(vgg.countParams()).isEqualTo(138_357_544L);
      assertThat(vgg.trainableWeights().stream().mapToLong(w -> w.size()).sum()).isEqualTo(138_357_544L);
      assertThat(vgg.nonTrainableWeights()).isEmpty();
      assertThat(vgg.inputShape().asArray()).containsExactly(-1, 224, 224, 3);
      assertThat(vgg.outputShape().asArray()).containsExactly(-1, 1000);
    }
  }

  @Test
  void configuresEachLayerAsKeras() {
    try (var scope = KerasContext.isolated()) {
      Model vgg = Vgg16Graph.build(new RandomWeightsOptions());
      Conv2D conv = (Conv2D) vgg.getLayer("block3_conv2");
      assertThat(conv.filters()).isEqualTo(256);
      assertThat(conv.kernelSize()).containsExactly(3, 3);
      assertThat(conv.padding()).isEqualTo("same");
      assertThat(conv.activation().name()).isEqualTo("relu");
      MaxPooling2D pool = (MaxPooling2D) vgg.getLayer("block5_pool");
      assertThat(pool.poolSize()).containsExactly(2, 2);
      assertThat(pool.strides()).containsExactly(2, 2);
      assertThat(((Dense) vgg.getLayer("fc1")).units()).isEqualTo(4096);
      assertThat(((Dense) vgg.getLayer("predictions")).activation().name()).isEqualTo("softmax");
      assertThat(vgg.getLayer("block5_pool").output().shape().asArray()).containsExactly(-1, 7, 7, 512);
      assertThat(vgg.getLayer("flatten").output().shape().asArray()).containsExactly(-1, 25088);
    }
  }

  @Test
  void summarizesExactlyAsKeras() {
    try (var scope = KerasContext.isolated()) {
      assertThat(Vgg16Graph.build(new RandomWeightsOptions()).summaryString()).isEqualTo(SUMMARY);
    }
  }

  @Test
  void dropsTheTopAndPools() {
    try (var scope = KerasContext.isolated()) {
      Model notop = Vgg16Graph.build(new RandomWeightsOptions().includeTop(false));
      assertThat(notop.layers()).hasSize(19);
      assertThat(notop.countParams()).isEqualTo(14_714_688L);
      assertThat(notop.inputShape().asArray()).containsExactly(-1, -1, -1, 3);
      assertThat(notop.outputShape().asArray()).containsExactly(-1, -1, -1, 512);
      Model avg = Vgg16Graph.build(new RandomWeightsOptions().includeTop(false).inputShape(64, 64, 3).pooling("avg"));
      assertThat(avg.outputShape().asArray()).containsExactly(-1, 512);
      assertThat(avg.getLayer("block5_pool").output().shape().asArray()).containsExactly(-1, 2, 2, 512);
    }
  }

  @Test
  void buildsATopForOtherClassCountsAndRejectsATooSmallInput() {
    try (var scope = KerasContext.isolated()) {
      Model two = Vgg16Graph.build(new RandomWeightsOptions().classes(2));
      assertThat(two.outputShape().asArray()).containsExactly(-1, 2);
      assertThat(two.countParams()).isEqualTo(138_357_544L - 4_097_000L + 4096L * 2 + 2);
      assertThatThrownBy(() -> Vgg16Graph.build(new RandomWeightsOptions().includeTop(false).inputShape(16, 16, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("at least 32x32");
    }
  }

  /** Episode 12: the layers of VGG16 but the last, plus a new 2-class Dense, in a Sequential; all but it frozen. */
  @Test
  void feedsASequentialWithSharedFrozenLayersAsEpisode12() {
    try (var scope = KerasContext.isolated()) {
      Model vgg = Vgg16Graph.build(new RandomWeightsOptions());
      try (var model = new io.github.keras4j.models.Sequential()) {
        List<Layer> layers = vgg.layers();
        for (Layer layer : layers.subList(0, layers.size() - 1)) {
          model.add(layer);
        }
        for (Layer layer : model.layers()) {
          layer.trainable(false);
        }
        model.add(new Dense(2).activation("softmax"));
        assertThat(model.layers()).hasSize(22);
        assertThat(model.layers().get(0)).isSameAs(vgg.getLayer("block1_conv1"));
        assertThat(model.summaryString())
            .contains("fc2 (Dense)                  (None, 4096)              16781312 ")
            .contains("dense (Dense)                (None, 2)                 8194     ")
            .contains("Total params: 134,268,738\nTrainable params: 8,194\nNon-trainable params: 134,260,544\n");
      }
    }
  }
}
