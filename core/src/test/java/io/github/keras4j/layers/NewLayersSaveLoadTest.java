package io.github.keras4j.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.keras4j.Keras;
import io.github.keras4j.activations.Activations;
import io.github.keras4j.KerasContext;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * A functional model made of every layer of this batch (and the new activations) saves as {@code .h5} and
 * {@code .keras} and loads back with equal configs, equal weights and equal predictions.
 */
class NewLayersSaveLoadTest {
  @TempDir Path dir;

  private static FloatNdArray images(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n * 8 * 8 * 3];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return NdArrays.wrap(Shape.of(n, 8, 8, 3), DataBuffers.of(v));
  }

  @Test
  void roundTripsThroughH5AndKeras() throws Exception {
    try (var scope = KerasContext.isolated()) {
      Keras.setRandomSeed(11);
      KerasTensor in = Input.shape(8, 8, 3);
      Normalization adapted = new Normalization();
      KerasTensor x = new Rescaling(0.5, 0.1).apply(in);
      x = new Normalization(new int[] {-1}, new double[] {0.1, 0.2, 0.3}, new double[] {1, 2, 3}).apply(x);
      x = adapted.apply(x);
      float[] data = new float[4 * 8 * 8 * 3];
      Random r = new Random(5);
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) (r.nextGaussian() * 2 + 1);
      }
      adapted.adapt(data, 4, 8, 8, 3);
      x = new SeparableConv2D(4, 3).padding("same").activation("swish").apply(x);
      x = new PReLU().sharedAxes(1, 2).alphaInitializer(io.github.keras4j.initializers.Initializers.ones())
          .apply(x);
      x = new BatchNormalization().axis(1).apply(x);
      x = new Conv2DTranspose(3, 3).strides(2).padding("same").activation("gelu").apply(x);
      x = new Cropping2D(1, 2).apply(x);
      x = new UpSampling2D(2).interpolation("bilinear").apply(x);
      x = new LayerNormalization(1, 2, 3).apply(x);
      x = new Resizing(6, 6).apply(x);
      x = new CenterCrop(4, 4).apply(x);
      x = new SpatialDropout2D(0.1).apply(x);
      x = new GaussianNoise(0.1).apply(x);
      x = new AlphaDropout(0.1).apply(x);
      x = new GlobalAveragePooling2D().apply(x);
      KerasTensor a = new Dense(4).activation("hard_swish").apply(x);
      KerasTensor b = new Dense(4).activation("mish").apply(x);
      KerasTensor c = new Concatenate().apply(new Subtract().apply(a, b), new Maximum().apply(a, b),
          new Minimum().apply(a, b), new Dot(1).normalize(true).apply(a, b));
      KerasTensor y = new RepeatVector(2).apply(c);
      y = new Permute(2, 1).apply(y);
      y = new Softmax(1).apply(y);
      y = new LeakyReLU(0.1).apply(y);
      y = new ELU(0.5).apply(y);
      y = new ThresholdedReLU(0.0).apply(y);
      y = new Dropout(0.2).noiseShape(-1, 1, -1).apply(y);
      y = new Flatten().apply(y);
      y = new Dense(3).activation("softsign").apply(y);
      try (Model model = new Model(in, y)) {
        FloatNdArray images = images(3, 2);
        float[][] expected = model.predict(images);
        for (String file : List.of("m.h5", "m.keras")) {
          model.save(dir.resolve(file));
          try (Model loaded = Models.load(dir.resolve(file))) {
            assertThat(loaded.layers()).hasSameSizeAs(model.layers());
            for (int i = 0; i < model.layers().size(); i++) {
              Layer original = model.layers().get(i);
              Layer copy = loaded.layers().get(i);
              assertThat(copy.className()).as("%s in %s", original, file).isEqualTo(original.className());
              assertThat(copy.getConfig()).as("config of %s in %s", original, file)
                  .isEqualTo(original.getConfig());
              assertThat(copy.countParams()).isEqualTo(original.countParams());
            }
            float[][] actual = loaded.predict(images);
            for (int s = 0; s < expected.length; s++) {
              assertThat(actual[s]).as("%s sample %d", file, s).containsExactly(expected[s], within(1e-5f));
            }
          }
        }
      }
    }
  }

  /** A Keras 2 hard_sigmoid survives .h5 (whose keras_version is 2.x) as the Keras 2 formula. */
  @Test
  void keepsKeras2HardSigmoidThroughH5() throws Exception {
    try (var scope = KerasContext.isolated()) {
      KerasTensor in = Input.shape(3);
      Dense dense = new Dense(2).activation("hard_sigmoid");
      try (Model model = new Model(in, dense.apply(in))) {
        model.save(dir.resolve("hs.h5"));
        try (Model loaded = Models.load(dir.resolve("hs.h5"))) {
          assertThat(((Dense) loaded.layers().get(1)).activation()).isSameAs(Activations.HARD_SIGMOID);
        }
      }
    }
  }
}
