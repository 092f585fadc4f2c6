package io.github.keras4j.layers;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Turns Keras layer configs ({@code {"class_name": "Dense", "config": {…}}}) back into layers: the built-ins plus
 * every {@link LayerFactory} on the classpath. The registry is read-only once loaded; there is no global mutable
 * state to register into.
 */
public final class LayerRegistry {
  private static final Map<String, Function<Map<String, Object>, Layer>> FACTORIES = load();

  private LayerRegistry() {}

  private static Map<String, Function<Map<String, Object>, Layer>> load() {
    Map<String, Function<Map<String, Object>, Layer>> all = new TreeMap<>();
    all.put("Dense", Dense::fromConfig);
    all.put("Activation", Activation::fromConfig);
    all.put("Dropout", Dropout::fromConfig);
    all.put("InputLayer", InputLayer::fromConfig);
    all.put("Conv2D", Conv2D::fromConfig);
    all.put("Convolution2D", Conv2D::fromConfig);
    all.put("MaxPooling2D", MaxPooling2D::fromConfig);
    all.put("MaxPool2D", MaxPooling2D::fromConfig);
    all.put("AveragePooling2D", AveragePooling2D::fromConfig);
    all.put("GlobalAveragePooling2D", GlobalAveragePooling2D::fromConfig);
    all.put("GlobalMaxPooling2D", GlobalMaxPooling2D::fromConfig);
    all.put("Flatten", Flatten::fromConfig);
    all.put("Reshape", Reshape::fromConfig);
    all.put("ActivityRegularization", ActivityRegularization::fromConfig);
    all.put("ZeroPadding2D", ZeroPadding2D::fromConfig);
    all.put("BatchNormalization", BatchNormalization::fromConfig);
    all.put("ReLU", ReLU::fromConfig);
    all.put("DepthwiseConv2D", DepthwiseConv2D::fromConfig);
    all.put("Add", Add::fromConfig);
    all.put("Multiply", Multiply::fromConfig);
    all.put("Average", Average::fromConfig);
    all.put("Concatenate", Concatenate::fromConfig);
    // layers13: activation layers
    all.put("LeakyReLU", LeakyReLU::fromConfig);
    all.put("PReLU", PReLU::fromConfig);
    all.put("ELU", ELU::fromConfig);
    all.put("ThresholdedReLU", ThresholdedReLU::fromConfig);
    all.put("Softmax", Softmax::fromConfig);
    all.put("SeparableConv2D", SeparableConv2D::fromConfig);
    all.put("SeparableConvolution2D", SeparableConv2D::fromConfig);
    all.put("Rescaling", Rescaling::fromConfig);
    all.put("Normalization", Normalization::fromConfig);
    all.put("Conv2DTranspose", Conv2DTranspose::fromConfig);
    all.put("Convolution2DTranspose", Conv2DTranspose::fromConfig);
    all.put("UpSampling2D", UpSampling2D::fromConfig);
    all.put("Cropping2D", Cropping2D::fromConfig);
    all.put("LayerNormalization", LayerNormalization::fromConfig);
    all.put("Subtract", Subtract::fromConfig);
    all.put("Maximum", Maximum::fromConfig);
    all.put("Minimum", Minimum::fromConfig);
    all.put("Dot", Dot::fromConfig);
    all.put("Permute", Permute::fromConfig);
    all.put("RepeatVector", RepeatVector::fromConfig);
    all.put("SpatialDropout2D", SpatialDropout2D::fromConfig);
    all.put("GaussianNoise", GaussianNoise::fromConfig);
    all.put("GaussianDropout", GaussianDropout::fromConfig);
    all.put("AlphaDropout", AlphaDropout::fromConfig);
    all.put("Conv1D", Conv1D::fromConfig);
    all.put("Convolution1D", Conv1D::fromConfig);
    all.put("MaxPooling1D", MaxPooling1D::fromConfig);
    all.put("MaxPool1D", MaxPooling1D::fromConfig);
    all.put("AveragePooling1D", AveragePooling1D::fromConfig);
    all.put("AvgPool1D", AveragePooling1D::fromConfig);
    all.put("GlobalAveragePooling1D", GlobalAveragePooling1D::fromConfig);
    all.put("GlobalAvgPool1D", GlobalAveragePooling1D::fromConfig);
    all.put("GlobalMaxPooling1D", GlobalMaxPooling1D::fromConfig);
    all.put("GlobalMaxPool1D", GlobalMaxPooling1D::fromConfig);
    all.put("ZeroPadding1D", ZeroPadding1D::fromConfig);
    all.put("Cropping1D", Cropping1D::fromConfig);
    all.put("UpSampling1D", UpSampling1D::fromConfig);
    all.put("SpatialDropout1D", SpatialDropout1D::fromConfig);
    all.put("AvgPool2D", AveragePooling2D::fromConfig);
    all.put("GlobalAvgPool2D", GlobalAveragePooling2D::fromConfig);
    all.put("GlobalMaxPool2D", GlobalMaxPooling2D::fromConfig);
    all.put("Resizing", Resizing::fromConfig);
    all.put("CenterCrop", CenterCrop::fromConfig);
    all.put("Embedding", Embedding::fromConfig);
    all.put("LSTM", LSTM::fromConfig);
    all.put("GRU", GRU::fromConfig);
    all.put("SimpleRNN", SimpleRNN::fromConfig);
    all.put("CuDNNLSTM", LSTM::fromCudnnConfig);
    all.put("CuDNNGRU", GRU::fromCudnnConfig);
    all.put("Masking", Masking::fromConfig);
    all.put("Bidirectional", Bidirectional::fromConfig);
    all.put("TimeDistributed", TimeDistributed::fromConfig);
    for (LayerFactory provider : ServiceLoader.load(LayerFactory.class, LayerRegistry.class.getClassLoader())) {
      all.putAll(provider.layers());
    }
    return java.util.Collections.unmodifiableMap(all);
  }

  /**
   * Creates a layer from its Keras class name and config.
   *
   * @throws IllegalArgumentException for an unknown class name (the message lists the known ones) or a bad config
   */
  public static Layer fromConfig(String className, Map<String, Object> config) {
    requireNonNull(className, "className");
    requireNonNull(config, "config");
    Function<Map<String, Object>, Layer> factory = FACTORIES.get(className);
    if (factory == null) {
      String layerName = config.get("name") instanceof String s ? "'" + s + "'" : "(unnamed)";
      String register = "write a Layer subclass with a static fromConfig(Map) and register it under the class name '"
          + className + "' with a LayerFactory service (list your implementation of io.github.keras4j.layers."
          + "LayerFactory in META-INF/services/io.github.keras4j.layers.LayerFactory).";
      if (className.equals("Lambda")) {
        throw new IllegalArgumentException(
            "Layer " + layerName + " is a Lambda layer: its function is Python code saved in the config, which"
                + " Keras4J cannot run. To load this model, " + register);
      }
      throw new IllegalArgumentException(
          "Unknown layer: '" + className + "' (layer " + layerName + "). Known layers: " + FACTORIES.keySet()
              + ". If it is a custom layer, " + register);
    }
    return factory.apply(config);
  }

  /** Returns the class names the registry knows, sorted. */
  public static List<String> classNames() {
    return List.copyOf(FACTORIES.keySet());
  }
}
