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
    all.put("ZeroPadding2D", ZeroPadding2D::fromConfig);
    all.put("BatchNormalization", BatchNormalization::fromConfig);
    all.put("ReLU", ReLU::fromConfig);
    all.put("DepthwiseConv2D", DepthwiseConv2D::fromConfig);
    all.put("Add", Add::fromConfig);
    all.put("Multiply", Multiply::fromConfig);
    all.put("Average", Average::fromConfig);
    all.put("Concatenate", Concatenate::fromConfig);
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
      throw new IllegalArgumentException(
          "Unknown layer: '" + className + "'. Known layers: " + FACTORIES.keySet()
              + ". Register custom layers with a LayerFactory service.");
    }
    return factory.apply(config);
  }

  /** Returns the class names the registry knows, sorted. */
  public static List<String> classNames() {
    return List.copyOf(FACTORIES.keySet());
  }
}
