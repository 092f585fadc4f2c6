package io.github.keras4j.examples;

import io.github.keras4j.models.Model;
import io.github.keras4j.models.Sequential;

/**
 * Episode 12 — build a fine-tuned VGG16: print VGG16's summary (138,357,544 parameters), copy all its layers but the
 * last into a Sequential, freeze them and add a 2-class head (134,268,738 parameters, 8,194 trainable).
 *
 * <p>Arguments: {@code --weights <vgg16_weights_tf_dim_ordering_tf_kernels.h5>} to use a local copy of the ImageNet
 * weights (otherwise the Keras cache {@code ~/.keras/models} or a download; random weights if neither works).
 */
public final class Ep12BuildFineTunedVgg16 {
  private Ep12BuildFineTunedVgg16() {}

  /** Runs the episode. */
  public static void main(String[] args) throws Exception {
    Model vgg16 = Vgg16FineTuning.loadVgg16(new Args(args));
    vgg16.summary();
    try (Sequential model = Vgg16FineTuning.fineTuned(vgg16, true)) {
      System.out.println("The model (" + model.layers().size() + " layers) is ready to train (episode 13).");
    }
  }
}
