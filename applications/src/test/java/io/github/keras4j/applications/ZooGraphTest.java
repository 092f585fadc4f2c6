package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.BatchNormalization;
import io.github.keras4j.layers.Conv2D;
import io.github.keras4j.layers.Dropout;
import io.github.keras4j.layers.Layer;
import io.github.keras4j.layers.ZeroPadding2D;
import io.github.keras4j.models.Model;
import io.github.keras4j.saving.KerasFiles;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The zoo's graphs against what Keras reports for {@code keras.applications} (tf.keras 2.4): layer counts, names,
 * output shapes, parameter totals and summary lines. Structure only: no weights are computed or loaded.
 */
class ZooGraphTest {
  private static long[] shape(Model model, String layer) {
    return model.getLayer(layer).output().shape().asArray();
  }

  private static long nonTrainable(Model model) {
    return model.nonTrainableWeights().stream().mapToLong(w -> w.size()).sum();
  }

  private static List<String> names(Model model) {
    return model.layers().stream().map(Layer::name).toList();
  }

  @Test
  void mobileNetV2MatchesKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = MobileNetV2.build(new MobileNetV2.Options().weights((String) null)).model();
      assertThat(model.name()).isEqualTo("mobilenetv2_1.00_224");
      assertThat(model.countParams()).isEqualTo(3_538_984L);
      assertThat(nonTrainable(model)).isEqualTo(34_112L);
      assertThat(model.layers()).hasSize(157);
      assertThat(names(model).subList(0, 9)).containsExactly("input_1", "Conv1_pad", "Conv1", "bn_Conv1",
          "Conv1_relu", "expanded_conv_depthwise", "expanded_conv_depthwise_BN", "expanded_conv_depthwise_relu",
          "expanded_conv_project");
      assertThat(names(model).subList(150, 157)).containsExactly("block_16_project", "block_16_project_BN",
          "Conv_1", "Conv_1_bn", "out_relu", "global_average_pooling2d", "predictions");
      assertThat(names(model)).contains("block_2_add", "block_15_add", "block_13_pad").doesNotContain("block_1_add",
          "block_10_add", "block_16_add");
      assertThat(shape(model, "Conv1_pad")).containsExactly(-1, 225, 225, 3);
      assertThat(shape(model, "Conv1")).containsExactly(-1, 112, 112, 32);
      assertThat(shape(model, "expanded_conv_project_BN")).containsExactly(-1, 112, 112, 16);
      assertThat(shape(model, "block_1_pad")).containsExactly(-1, 113, 113, 96);
      assertThat(shape(model, "block_13_depthwise")).containsExactly(-1, 7, 7, 576);
      assertThat(shape(model, "out_relu")).containsExactly(-1, 7, 7, 1280);
      assertThat(shape(model, "predictions")).containsExactly(-1, 1000);
      BatchNormalization bn = (BatchNormalization) model.getLayer("block_5_expand_BN");
      assertThat(bn.momentum()).isEqualTo(0.999);
      assertThat(bn.epsilon()).isEqualTo(1e-3);
      assertThat(((ZeroPadding2D) model.getLayer("Conv1_pad")).padding()).isDeepEqualTo(new int[][] {{0, 1}, {0, 1}});
      assertThat(model.summaryString())
          .contains("Conv1_pad (ZeroPadding2D)       (None, 225, 225, 3)  0           input_1[0][0]")
          .contains("block_2_add (Add)               (None, 56, 56, 24)   0           block_1_project_BN[0][0]")
          .contains("Total params: 3,538,984\nTrainable params: 3,504,872\nNon-trainable params: 34,112\n");
    }
  }

  @Test
  void mobileNetV2ScalesByAlphaAsTheTeachableMachineBase() {
    try (var scope = KerasContext.isolated()) {
      Model model = MobileNetV2.build(new MobileNetV2.Options().alpha(0.35).includeTop(false)
          .inputShape(224, 224, 3).weights((String) null)).model();
      assertThat(model.name()).isEqualTo("mobilenetv2_0.35_224");
      assertThat(model.layers()).hasSize(155);
      assertThat(shape(model, "Conv1")).containsExactly(-1, 112, 112, 16);
      assertThat(shape(model, "expanded_conv_project")).containsExactly(-1, 112, 112, 8);
      assertThat(shape(model, "block_16_project")).containsExactly(-1, 7, 7, 112);
      assertThat(shape(model, "out_relu")).containsExactly(-1, 7, 7, 1280);
      assertThat(model.countParams()).isEqualTo(410_208L);
      Model wide = MobileNetV2.build(new MobileNetV2.Options().alpha(1.4).weights((String) null)).model();
      assertThat(wide.name()).isEqualTo("mobilenetv2_1.40_224");
      assertThat(shape(wide, "out_relu")).containsExactly(-1, 7, 7, 1792);
      assertThat(wide.countParams()).isEqualTo(6_156_712L);
      Model anySize = MobileNetV2.build(new MobileNetV2.Options().includeTop(false).pooling("max")
          .weights((String) null)).model();
      assertThat(anySize.name()).isEqualTo("mobilenetv2_1.00_None");
      assertThat(anySize.outputShape().asArray()).containsExactly(-1, 1280);
    }
  }

  @Test
  void mobileNetV2RefusesKerasInvalidCombinations() {
    assertThatThrownBy(() -> MobileNetV2.build(new MobileNetV2.Options().alpha(0.6)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha=0.6");
    assertThatThrownBy(() -> MobileNetV2.build(new MobileNetV2.Options().inputShape(150, 150, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(224, 224, 3)");
    assertThatThrownBy(() -> MobileNetV2.build(new MobileNetV2.Options().includeTop(false).inputShape(31, 64, 3)
        .weights((String) null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32x32");
    assertThatThrownBy(() -> new MobileNetV2.Options().alpha(0)).isInstanceOf(IllegalArgumentException.class);
    assertThat(MobileNetV2.weightsFileName(0.35, 224, false))
        .isEqualTo("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top.h5");
    assertThat(MobileNetV2.weightsFileName(1.0, 96, true))
        .isEqualTo("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_96.h5");
  }

  @Test
  void resNet50MatchesKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = ResNet50.build(new ResNet50.Options().weights((String) null));
      assertThat(model.name()).isEqualTo("resnet50");
      assertThat(model.countParams()).isEqualTo(25_636_712L);
      assertThat(nonTrainable(model)).isEqualTo(53_120L);
      assertThat(model.layers()).hasSize(177);
      assertThat(names(model).subList(0, 20)).containsExactly("input_1", "conv1_pad", "conv1_conv", "conv1_bn",
          "conv1_relu", "pool1_pad", "pool1_pool", "conv2_block1_1_conv", "conv2_block1_1_bn",
          "conv2_block1_1_relu", "conv2_block1_2_conv", "conv2_block1_2_bn", "conv2_block1_2_relu",
          "conv2_block1_0_conv", "conv2_block1_3_conv", "conv2_block1_0_bn", "conv2_block1_3_bn",
          "conv2_block1_add", "conv2_block1_out", "conv2_block2_1_conv");
      assertThat(names(model).subList(174, 177)).containsExactly("conv5_block3_out", "avg_pool", "predictions");
      assertThat(shape(model, "conv1_pad")).containsExactly(-1, 230, 230, 3);
      assertThat(shape(model, "pool1_pool")).containsExactly(-1, 56, 56, 64);
      assertThat(shape(model, "conv3_block1_out")).containsExactly(-1, 28, 28, 512);
      assertThat(shape(model, "conv5_block3_out")).containsExactly(-1, 7, 7, 2048);
      assertThat(((BatchNormalization) model.getLayer("conv4_block2_2_bn")).epsilon()).isEqualTo(1.001e-5);
      assertThat(((Conv2D) model.getLayer("conv3_block1_1_conv")).strides()).containsExactly(2, 2);
      assertThat(model.summaryString())
          .contains("conv1_conv (Conv2D)             (None, 112, 112, 64) 9472        conv1_pad[0][0]")
          .contains("Total params: 25,636,712\nTrainable params: 25,583,592\nNon-trainable params: 53,120\n");
      Model notop = ResNet50.build(new ResNet50.Options().includeTop(false).pooling("max").weights((String) null));
      assertThat(notop.getLayer(-1).name()).isEqualTo("max_pool");
      assertThat(notop.countParams()).isEqualTo(25_636_712L - 2_049_000L);
    }
  }

  @Test
  void resNet50V2MatchesKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = ResNet50V2.build(new ResNet50V2.Options().weights((String) null));
      assertThat(model.name()).isEqualTo("resnet50v2");
      assertThat(model.countParams()).isEqualTo(25_613_800L);
      assertThat(nonTrainable(model)).isEqualTo(45_440L);
      assertThat(model.layers()).hasSize(192);
      assertThat(names(model)).contains("conv2_block1_preact_bn", "conv2_block3_2_pad", "max_pooling2d",
          "max_pooling2d_1", "max_pooling2d_2", "post_bn", "post_relu").doesNotContain("conv1_bn",
          "max_pooling2d_3");
      assertThat(names(model).subList(189, 192)).containsExactly("post_relu", "avg_pool", "predictions");
      assertThat(shape(model, "conv2_block3_out")).containsExactly(-1, 28, 28, 256);
      assertThat(shape(model, "max_pooling2d")).containsExactly(-1, 28, 28, 256);
      assertThat(shape(model, "conv5_block3_out")).containsExactly(-1, 7, 7, 2048);
      assertThat(((Conv2D) model.getLayer("conv2_block1_1_conv")).useBias()).isFalse();
      assertThat(model.summaryString())
          .contains("Total params: 25,613,800\nTrainable params: 25,568,360\nNon-trainable params: 45,440\n");
    }
  }

  @Test
  void inceptionV3MatchesKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = InceptionV3.build(new InceptionV3.Options().weights((String) null));
      assertThat(model.name()).isEqualTo("inception_v3");
      assertThat(model.countParams()).isEqualTo(23_851_784L);
      assertThat(nonTrainable(model)).isEqualTo(34_432L);
      assertThat(model.layers()).hasSize(313);
      assertThat(names(model).subList(0, 8)).containsExactly("input_1", "conv2d", "batch_normalization",
          "activation", "conv2d_1", "batch_normalization_1", "activation_1", "conv2d_2");
      assertThat(names(model)).contains("conv2d_93", "batch_normalization_93", "activation_93", "mixed9_1",
          "concatenate_1", "max_pooling2d_3", "average_pooling2d_8").doesNotContain("conv2d_94", "concatenate_2");
      assertThat(names(model).subList(310, 313)).containsExactly("mixed10", "avg_pool", "predictions");
      assertThat(shape(model, "mixed0")).containsExactly(-1, 35, 35, 256);
      assertThat(shape(model, "mixed2")).containsExactly(-1, 35, 35, 288);
      assertThat(shape(model, "mixed7")).containsExactly(-1, 17, 17, 768);
      assertThat(shape(model, "mixed10")).containsExactly(-1, 8, 8, 2048);
      assertThat(((BatchNormalization) model.getLayer("batch_normalization_5")).scale()).isFalse();
      assertThat(model.summaryString())
          .contains("conv2d (Conv2D)                 (None, 149, 149, 32) 864         input_1[0][0]")
          .contains("Total params: 23,851,784\nTrainable params: 23,817,352\nNon-trainable params: 34,432\n");
      assertThatThrownBy(() -> InceptionV3.build(new InceptionV3.Options().includeTop(false)
          .inputShape(74, 100, 3).weights((String) null))).hasMessageContaining("75x75");
    }
  }

  @Test
  void denseNet121MatchesKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = DenseNet121.build(new DenseNet121.Options().weights((String) null));
      assertThat(model.name()).isEqualTo("densenet121");
      assertThat(model.countParams()).isEqualTo(8_062_504L);
      assertThat(nonTrainable(model)).isEqualTo(83_648L);
      assertThat(model.layers()).hasSize(429);
      assertThat(names(model).subList(0, 10)).containsExactly("input_1", "zero_padding2d", "conv1_conv",
          "conv1_bn", "conv1_relu", "zero_padding2d_1", "pool1", "conv2_block1_0_bn", "conv2_block1_0_relu",
          "conv2_block1_1_conv");
      assertThat(names(model).subList(425, 429)).containsExactly("bn", "relu", "avg_pool", "predictions");
      assertThat(shape(model, "conv2_block6_concat")).containsExactly(-1, 56, 56, 256);
      assertThat(shape(model, "pool2_pool")).containsExactly(-1, 28, 28, 128);
      assertThat(shape(model, "pool4_conv")).containsExactly(-1, 14, 14, 512);
      assertThat(shape(model, "relu")).containsExactly(-1, 7, 7, 1024);
      assertThat(model.summaryString())
          .contains("Total params: 8,062,504\nTrainable params: 7,978,856\nNon-trainable params: 83,648\n");
    }
  }

  @Test
  void topAndPoolingOptionsAsKeras() {
    try (var scope = KerasContext.isolated()) {
      Model small = ResNet50V2.build(new ResNet50V2.Options().weights((String) null).classes(7)
          .classifierActivation("sigmoid").inputShape(64, 96, 3));
      assertThat(small.outputShape().asArray()).containsExactly(-1, 7);
      assertThat(small.getLayer("predictions").getConfig()).containsEntry("activation", "sigmoid");
      Model avg = DenseNet121.build(new DenseNet121.Options().includeTop(false).pooling("avg")
          .weights((String) null));
      assertThat(avg.getLayer(-1).name()).isEqualTo("avg_pool");
      assertThat(avg.outputShape().asArray()).containsExactly(-1, 1024);
      Model feat = InceptionV3.build(new InceptionV3.Options().includeTop(false).weights((String) null));
      assertThat(feat.outputShape().asArray()).containsExactly(-1, -1, -1, 2048);
    }
    assertThatThrownBy(() -> ResNet50.build(new ResNet50.Options().classes(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes=10");
    assertThatThrownBy(() -> InceptionV3.build(new InceptionV3.Options().inputShape(224, 224, 3)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(299, 299, 3)");
  }

  @Test
  void xceptionMatchesKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = Xception.build(new Xception.Options().weights((String) null));
      assertThat(model.name()).isEqualTo("xception");
      assertThat(model.countParams()).isEqualTo(22_910_480L);
      assertThat(nonTrainable(model)).isEqualTo(54_528L);
      assertThat(model.layers()).hasSize(134);
      assertThat(names(model).subList(0, 10)).containsExactly("input_1", "block1_conv1", "block1_conv1_bn",
          "block1_conv1_act", "block1_conv2", "block1_conv2_bn", "block1_conv2_act", "block2_sepconv1",
          "block2_sepconv1_bn", "block2_sepconv2_act");
      assertThat(names(model)).contains("conv2d", "conv2d_3", "batch_normalization_3", "add", "add_11",
          "block12_sepconv3_bn", "block14_sepconv2_act").doesNotContain("conv2d_4", "add_12");
      assertThat(names(model).subList(132, 134)).containsExactly("avg_pool", "predictions");
      assertThat(shape(model, "block1_conv1")).containsExactly(-1, 149, 149, 32);
      assertThat(shape(model, "block2_pool")).containsExactly(-1, 74, 74, 128);
      assertThat(shape(model, "block4_pool")).containsExactly(-1, 19, 19, 728);
      assertThat(shape(model, "block14_sepconv2_act")).containsExactly(-1, 10, 10, 2048);
      assertThat(model.summaryString())
          .contains("Total params: 22,910,480\nTrainable params: 22,855,952\nNon-trainable params: 54,528\n");
      assertThatThrownBy(() -> Xception.build(new Xception.Options().includeTop(false).inputShape(70, 90, 3)
          .weights((String) null))).hasMessageContaining("71x71");
    }
  }

  @Test
  void efficientNetB0MatchesKeras() {
    try (var scope = KerasContext.isolated()) {
      Model model = EfficientNetB0.build(new EfficientNetB0.Options().weights((String) null));
      assertThat(model.name()).isEqualTo("efficientnetb0");
      assertThat(model.countParams()).isEqualTo(5_330_571L);
      assertThat(nonTrainable(model)).isEqualTo(42_023L);
      assertThat(model.layers()).hasSize(240);
      assertThat(names(model).subList(0, 8)).containsExactly("input_1", "rescaling", "normalization",
          "stem_conv_pad", "stem_conv", "stem_bn", "stem_activation", "block1a_dwconv");
      assertThat(names(model)).contains("block1a_se_excite", "block2b_drop", "block2b_add", "block6d_add",
          "block2a_dwconv_pad").doesNotContain("block1a_add", "block7a_add", "block7b_dwconv");
      assertThat(names(model).subList(233, 240)).containsExactly("block7a_project_bn", "top_conv", "top_bn",
          "top_activation", "avg_pool", "top_dropout", "predictions");
      assertThat(shape(model, "stem_conv")).containsExactly(-1, 112, 112, 32);
      assertThat(shape(model, "block1a_se_reshape")).containsExactly(-1, 1, 1, 32);
      assertThat(shape(model, "block3a_dwconv")).containsExactly(-1, 28, 28, 144);
      assertThat(shape(model, "top_activation")).containsExactly(-1, 7, 7, 1280);
      assertThat(model.getLayer("block2b_drop").getConfig()).containsEntry("rate", 0.2 * 2 / 16);
      assertThat(((Dropout) model.getLayer("block2b_drop")).noiseShape()).containsExactly(-1, 1, 1, 1);
      assertThat(model.summaryString())
          .contains("Total params: 5,330,571\nTrainable params: 5,288,548\nNon-trainable params: 42,023\n");
      // With ImageNet weights Keras adds rescaling_1 (1/sqrt(std)) after the normalization.
      Model imagenet = EfficientNetB0.build(new EfficientNetB0.Options().includeTop(false));
      assertThat(names(imagenet).subList(1, 5)).containsExactly("rescaling_1", "normalization_1", "rescaling_2",
          "stem_conv_pad");
    }
  }

  /** Each zoo graph's Keras config (to_json) builds the same model back: names, classes, shapes, parameters. */
  @Test
  void architecturesRoundTripThroughKerasJson() {
    try (var scope = KerasContext.isolated()) {
      List<Model> zoo = List.of(
          MobileNetV2.build(new MobileNetV2.Options().alpha(0.35).weights((String) null)).model(),
          ResNet50.build(new ResNet50.Options().weights((String) null)),
          ResNet50V2.build(new ResNet50V2.Options().weights((String) null)),
          InceptionV3.build(new InceptionV3.Options().weights((String) null)),
          Xception.build(new Xception.Options().weights((String) null)),
          DenseNet121.build(new DenseNet121.Options().weights((String) null)),
          EfficientNetB0.build(new EfficientNetB0.Options().includeTop(false)));
      for (Model model : zoo) {
        String json = KerasFiles.toJson(model);
        Model back = KerasFiles.fromJson(json);
        assertThat(back.name()).isEqualTo(model.name());
        assertThat(names(back)).as(model.name()).containsExactlyElementsOf(names(model));
        assertThat(back.layers().stream().map(l -> l.getClass().getSimpleName()).toList())
            .containsExactlyElementsOf(model.layers().stream().map(l -> l.getClass().getSimpleName()).toList());
        assertThat(back.countParams()).as(model.name()).isEqualTo(model.countParams());
        assertThat(back.outputShape().asArray()).containsExactly(model.outputShape().asArray());
        assertThat(KerasFiles.toJson(back)).as(model.name()).isEqualTo(json);
      }
    }
  }

  /** Each family's preprocess_input: tf, caffe, torch, or EfficientNet's pass-through. */
  @Test
  void preprocessesAsEachKerasFamily() {
    FloatNdArray rgb = NdArrays.wrap(Shape.of(1, 1, 1, 3), DataBuffers.of(new float[] {0f, 127.5f, 255f}, true, false));
    float[] tf = {-1f, 0f, 1f};
    for (FloatNdArray out : List.of(MobileNetV2.preprocessInput(rgb), ResNet50V2.preprocessInput(rgb),
        InceptionV3.preprocessInput(rgb), Xception.preprocessInput(rgb))) {
      assertThat(values(out)).containsExactly(tf);
    }
    // caffe: BGR minus the ImageNet means.
    assertThat(values(ResNet50.preprocessInput(rgb))).containsExactly(255f - 103.939f, 127.5f - 116.779f,
        0f - 123.68f);
    // torch: /255, minus mean, / std per RGB channel.
    assertThat(values(DenseNet121.preprocessInput(rgb))).containsExactly((0f / 255f - 0.485f) / 0.229f,
        (127.5f / 255f - 0.456f) / 0.224f, (255f / 255f - 0.406f) / 0.225f);
    assertThat(EfficientNetB0.preprocessInput(rgb)).isSameAs(rgb);
    FloatNdArray gray = NdArrays.ofFloats(Shape.of(2, 2, 1));
    assertThatThrownBy(() -> EfficientNetB0.preprocessInput(gray)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 channels");
    assertThatThrownBy(() -> ResNet50.preprocessInput(gray)).isInstanceOf(IllegalArgumentException.class);
  }

  private static float[] values(FloatNdArray x) {
    float[] v = new float[(int) x.shape().size()];
    x.copyTo(DataBuffers.of(v, false, false));
    return v;
  }
}
