package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.DepthwiseConv2D;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.ReLU;
import io.github.keras4j.layers.Reshape;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/** MobileNet (v1) as tf.keras 2.4 builds it: names, order, shapes and parameter counts. */
class MobileNetGraphTest {
  private static final int[] STRIDES = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};

  /** tf.keras 2.4's layer names, in order. */
  static List<String> expectedNames() {
    List<String> names = new ArrayList<>(List.of("input_1", "conv1", "conv1_bn", "conv1_relu"));
    for (int i = 1; i <= 13; i++) {
      if (STRIDES[i - 1] == 2) {
        names.add("conv_pad_" + i);
      }
      for (String part : List.of("conv_dw_%d", "conv_dw_%d_bn", "conv_dw_%d_relu", "conv_pw_%d", "conv_pw_%d_bn",
          "conv_pw_%d_relu")) {
        names.add(String.format(part, i));
      }
    }
    names.addAll(List.of("global_average_pooling2d", "reshape_1", "dropout", "conv_preds", "reshape_2",
        "predictions"));
    return names;
  }

  private static long[] shape(Model model, String layer) {
    return model.getLayer(layer).output().shape().asArray();
  }

  @Test
  void hasKerasLayersAndParameterCountsAtAlpha1() {
    try (var scope = KerasContext.isolated()) {
      Model model = MobileNetGraph.build(new RandomWeightsOptions(), 1.0, 1, 1e-3).model();
      assertThat(model.name()).isEqualTo("mobilenet_1.00_224");
      assertThat(model.layers()).hasSize(92);
      assertThat(model.layers().stream().map(Layer::name).toList()).containsExactlyElementsOf(expectedNames());
      assertThat(model.countParams()).isEqualTo(4_253_864L);
      assertThat(model.trainableWeights().stream().mapToLong(w -> w.size()).sum()).isEqualTo(4_231_976L);
      assertThat(model.nonTrainableWeights().stream().mapToLong(w -> w.size()).sum()).isEqualTo(21_888L);
      assertThat(model.summaryString())
          .contains("input_1 (InputLayer)         [(None, 224, 224, 3)]     0        ")
          .contains("conv1_bn (BatchNormalization (None, 112, 112, 32)      128      ")
          .endsWith("Total params: 4,253,864\nTrainable params: 4,231,976\nNon-trainable params: 21,888\n"
              + "_".repeat(65) + "\n");
      assertThat(shape(model, "conv1")).containsExactly(-1, 112, 112, 32);
      assertThat(shape(model, "conv_pad_2")).containsExactly(-1, 113, 113, 64);
      assertThat(shape(model, "conv_dw_2")).containsExactly(-1, 56, 56, 64);
      assertThat(shape(model, "conv_pw_13_relu")).containsExactly(-1, 7, 7, 1024);
      assertThat(shape(model, "global_average_pooling2d")).containsExactly(-1, 1024);
      assertThat(shape(model, "reshape_1")).containsExactly(-1, 1, 1, 1024);
      assertThat(shape(model, "conv_preds")).containsExactly(-1, 1, 1, 1000);
      assertThat(shape(model, "predictions")).containsExactly(-1, 1000);
    }
  }

  @Test
  void configuresTheBlocksAsKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = MobileNetGraph.build(new RandomWeightsOptions(), 1.0, 1, 1e-3).model();
      Conv2D conv1 = (Conv2D) model.getLayer("conv1");
      assertThat(conv1.strides()).containsExactly(2, 2);
      assertThat(conv1.padding()).isEqualTo("same");
      assertThat(conv1.useBias()).isFalse();
      assertThat(((ReLU) model.getLayer("conv1_relu")).maxValue()).isEqualTo(6.0);
      assertThat(((ZeroPadding2D) model.getLayer("conv_pad_4")).padding()).isDeepEqualTo(new int[][] {{0, 1}, {0, 1}});
      DepthwiseConv2D dw1 = (DepthwiseConv2D) model.getLayer("conv_dw_1");
      assertThat(dw1.padding()).isEqualTo("same");
      assertThat(dw1.strides()).containsExactly(1, 1);
      assertThat(dw1.useBias()).isFalse();
      DepthwiseConv2D dw12 = (DepthwiseConv2D) model.getLayer("conv_dw_12");
      assertThat(dw12.padding()).isEqualTo("valid");
      assertThat(dw12.strides()).containsExactly(2, 2);
      Conv2D pw = (Conv2D) model.getLayer("conv_pw_7");
      assertThat(pw.kernelSize()).containsExactly(1, 1);
      assertThat(pw.useBias()).isFalse();
      assertThat(((BatchNormalization) model.getLayer("conv_pw_7_bn")).momentum()).isEqualTo(0.99);
      assertThat(((Conv2D) model.getLayer("conv_preds")).useBias()).isTrue();
      assertThat(((Reshape) model.getLayer("reshape_2")).targetShape()).containsExactly(1000);
      assertThat(model.getLayer("dropout").getConfig()).containsEntry("rate", 1e-3);
    }
  }

  @Test
  void scalesChannelsByAlphaAt128Rows() {
    try (var scope = KerasContext.isolated()) {
      Model model = MobileNetGraph.build(new RandomWeightsOptions().inputShape(128, 128, 3), 0.25, 1, 1e-3).model();
      assertThat(model.name()).isEqualTo("mobilenet_0.25_128");
      assertThat(model.layers().stream().map(Layer::name).toList()).containsExactlyElementsOf(expectedNames());
      assertThat(shape(model, "conv1")).containsExactly(-1, 64, 64, 8);
      assertThat(shape(model, "conv_pad_2")).containsExactly(-1, 65, 65, 16);
      assertThat(((DepthwiseConv2D) model.getLayer("conv_dw_2")).padding()).isEqualTo("valid");
      assertThat(shape(model, "conv_dw_2")).containsExactly(-1, 32, 32, 16);
      assertThat(shape(model, "conv_pw_13_relu")).containsExactly(-1, 4, 4, 256);
      assertThat(((Reshape) model.getLayer("reshape_1")).targetShape()).containsExactly(1, 1, 256);
      assertThat(shape(model, "reshape_1")).containsExactly(-1, 1, 1, 256);
      assertThat(model.countParams()).isEqualTo(475_544L);
      assertThat(model.nonTrainableWeights().stream().mapToLong(w -> w.size()).sum()).isEqualTo(5_472L);
    }
  }

  @Test
  void dropsTheTopAndPools() {
    try (var scope = KerasContext.isolated()) {
      Model notop = MobileNetGraph.build(new RandomWeightsOptions().includeTop(false), 1.0, 1, 1e-3).model();
      assertThat(notop.layers()).hasSize(86);
      assertThat(notop.getLayer(-1).name()).isEqualTo("conv_pw_13_relu");
      assertThat(notop.countParams()).isEqualTo(4_253_864L - 1_025_000L);
      Model pooled = MobileNetGraph.build(
          new RandomWeightsOptions().includeTop(false).inputShape(160, 160, 3).pooling("max"), 0.5, 1, 1e-3).model();
      assertThat(pooled.outputShape().asArray()).containsExactly(-1, 512);
    }
  }

  /** A small MobileNet runs end to end: one image gives 1000 probabilities that sum to 1. */
  @Test
  void predictsAProbabilityDistributionAtAlphaQuarter() {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(1);
      try (Model model =
          MobileNetGraph.build(new RandomWeightsOptions().inputShape(128, 128, 3), 0.25, 1, 1e-3).model()) {
        float[] pixels = new float[128 * 128 * 3];
        Random random = new Random(2);
        for (int i = 0; i < pixels.length; i++) {
          pixels[i] = random.nextFloat() * 2 - 1;
        }
        float[][] p = model.predict(NdArrays.wrap(Shape.of(1, 128, 128, 3), DataBuffers.of(pixels, true, false)));
        assertThat(p).hasDimensions(1, 1000);
        double sum = 0;
        for (float v : p[0]) {
          assertThat(v).isBetween(0f, 1f);
          sum += v;
        }
        assertThat(sum).isCloseTo(1.0, within(1e-4));
      }
    }
  }
}
