package io.github.keras4j.saving;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts Keras 1.x layer configs to their Keras 2 equivalents, as Keras 2's legacy converters do
 * ({@code keras/legacy/interfaces.py}: the {@code generate_legacy_interface} decorators on each layer's
 * constructor, and {@code keras/legacy/layers.py} for renamed classes). Keras 2 applies them whenever the old
 * names appear, whatever version wrote the file; so does this class. Keys Keras 2 dropped without a replacement
 * ({@code input_dtype}, {@code consume_less}) are removed; settings Keras 2 cannot express are refused with the
 * layer and the value.
 *
 * <p>Class renames: {@code Convolution1D} → {@code Conv1D}, {@code Convolution2D} → {@code Conv2D},
 * {@code AtrousConvolution1D/2D} → {@code Conv1D/Conv2D} with {@code dilation_rate},
 * {@code SeparableConvolution2D} → {@code SeparableConv2D}, {@code Deconvolution2D} → {@code Conv2DTranspose}.
 */
final class Keras1Configs {
  private Keras1Configs() {}

  /** A layer entry after conversion. */
  record Converted(String className, Map<String, Object> config) {}

  private static final Map<String, String> CLASS_RENAMES = Map.of(
      "Convolution1D", "Conv1D",
      "Convolution2D", "Conv2D",
      "Convolution3D", "Conv3D",
      "AtrousConvolution1D", "Conv1D",
      "AtrousConvolution2D", "Conv2D",
      "SeparableConvolution2D", "SeparableConv2D",
      "Deconvolution2D", "Conv2DTranspose");

  /** Keys every Keras 1 layer may carry that Keras 2 no longer has. */
  private static final List<String> DROPPED = List.of("input_dtype", "consume_less");

  /** Returns whether a layer entry uses Keras 1 names (class or config keys). */
  static boolean isKeras1(String className, Map<String, Object> config) {
    if (CLASS_RENAMES.containsKey(className)) {
      return true;
    }
    for (String k : List.of("output_dim", "nb_filter", "init", "border_mode", "dim_ordering", "subsample",
        "W_regularizer", "b_regularizer", "W_constraint", "b_constraint", "pool_length", "filter_length",
        "subsample_length", "input_dtype", "inner_init", "inner_activation", "beta_init", "gamma_init", "p")) {
      if (config.containsKey(k)) {
        return true;
      }
    }
    return className.equals("Dense") && config.containsKey("bias") && !config.containsKey("use_bias");
  }

  /** Converts one layer entry; entries without Keras 1 names come back unchanged. */
  static Converted convert(String className, Map<String, Object> config) {
    if (!isKeras1(className, config)) {
      return new Converted(className, config);
    }
    String name = config.get("name") instanceof String s ? s : className;
    Map<String, Object> c = new LinkedHashMap<>(config);
    String target = CLASS_RENAMES.getOrDefault(className, className);
    DROPPED.forEach(c::remove);
    // Weights: init / W_* / b_* / bias, shared by Dense, the convolutions and the recurrent layers.
    rename(c, "init", "kernel_initializer");
    rename(c, "W_regularizer", "kernel_regularizer");
    rename(c, "b_regularizer", "bias_regularizer");
    rename(c, "W_constraint", "kernel_constraint");
    rename(c, "b_constraint", "bias_constraint");
    rename(c, "bias", "use_bias");
    switch (target) {
      case "Dense" -> {
        rename(c, "output_dim", "units");
        Object dim = c.remove("input_dim"); // Keras 2's Layer: input_dim → input_shape (input_dim,)
        if (dim != null && !c.containsKey("batch_input_shape")) {
          List<Object> shape = new ArrayList<>();
          shape.add(null);
          shape.add(dim);
          c.put("batch_input_shape", shape);
        }
      }
      case "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D" -> rename(c, "p", "rate");
      case "Conv1D" -> {
        rename(c, "nb_filter", "filters");
        rename(c, "filter_length", "kernel_size");
        rename(c, "subsample_length", "strides");
        rename(c, "atrous_rate", "dilation_rate");
        padding(c, name);
        inputDimAndLength(c);
      }
      case "Conv2D", "SeparableConv2D", "Conv2DTranspose", "Conv3D" -> {
        rename(c, "nb_filter", "filters");
        if (c.containsKey("nb_row") || c.containsKey("nb_col")) {
          List<Object> k = new ArrayList<>();
          k.add(c.remove("nb_row"));
          k.add(c.remove("nb_col"));
          if (c.containsKey("kernel_dim3")) {
            k.add(c.remove("kernel_dim3"));
          }
          c.put("kernel_size", k);
        }
        rename(c, "subsample", "strides");
        rename(c, "atrous_rate", "dilation_rate");
        padding(c, name);
        dataFormat(c, name);
        c.remove("output_shape"); // Deconvolution2D's; Keras 2 computes it
      }
      case "MaxPooling1D", "AveragePooling1D" -> {
        rename(c, "pool_length", "pool_size");
        rename(c, "stride", "strides");
        padding(c, name);
      }
      case "MaxPooling2D", "AveragePooling2D", "MaxPooling3D", "AveragePooling3D" -> {
        padding(c, name);
        dataFormat(c, name);
      }
      case "GlobalMaxPooling2D", "GlobalAveragePooling2D", "UpSampling2D", "ZeroPadding2D", "Cropping2D",
          "GlobalMaxPooling3D", "GlobalAveragePooling3D", "UpSampling3D", "ZeroPadding3D", "Cropping3D" ->
          dataFormat(c, name);
      case "UpSampling1D" -> rename(c, "length", "size");
      case "ZeroPadding1D", "Cropping1D" -> { }
      case "BatchNormalization" -> {
        Object mode = c.remove("mode");
        if (mode != null && !(mode instanceof Number n && n.intValue() == 0)) {
          throw new IllegalArgumentException("Layer " + className + " '" + name + "': Keras 1 BatchNormalization"
              + " mode " + mode + " has no Keras 2 equivalent (Keras 2 supports only mode 0, feature-wise).");
        }
        rename(c, "beta_init", "beta_initializer");
        rename(c, "gamma_init", "gamma_initializer");
      }
      case "Embedding" -> {
        rename(c, "kernel_initializer", "embeddings_initializer");
        rename(c, "kernel_regularizer", "embeddings_regularizer");
        rename(c, "kernel_constraint", "embeddings_constraint");
        c.remove("dropout");
      }
      case "LSTM", "GRU", "SimpleRNN" -> {
        rename(c, "output_dim", "units");
        rename(c, "inner_init", "recurrent_initializer");
        rename(c, "inner_activation", "recurrent_activation");
        rename(c, "U_regularizer", "recurrent_regularizer");
        rename(c, "U_constraint", "recurrent_constraint");
        rename(c, "dropout_W", "dropout");
        rename(c, "dropout_U", "recurrent_dropout");
        Object forget = c.remove("forget_bias_init");
        if (forget != null) {
          c.put("unit_forget_bias", "one".equals(forget));
        }
        inputDimAndLength(c);
      }
      default -> rename(c, "output_dim", "units");
    }
    return new Converted(target, c);
  }

  private static void rename(Map<String, Object> c, String from, String to) {
    if (c.containsKey(from)) {
      Object v = c.remove(from);
      if (!c.containsKey(to)) {
        c.put(to, v);
      }
    }
  }

  private static void padding(Map<String, Object> c, String name) {
    if (c.containsKey("border_mode")) {
      Object v = c.remove("border_mode");
      if (!"valid".equals(v) && !"same".equals(v) && !"causal".equals(v)) {
        throw new IllegalArgumentException("Layer '" + name + "': Keras 1 border_mode " + ModelConfigs.describe(v)
            + " has no Keras 2 padding equivalent (expected \"valid\" or \"same\").");
      }
      c.putIfAbsent("padding", v);
    }
  }

  /** dim_ordering "tf" → channels_last, "th" → channels_first, "default" → the Keras default (channels_last). */
  private static void dataFormat(Map<String, Object> c, String name) {
    if (c.containsKey("dim_ordering")) {
      Object v = c.remove("dim_ordering");
      String format;
      if ("tf".equals(v) || "default".equals(v)) {
        format = "channels_last";
      } else if ("th".equals(v)) {
        format = "channels_first";
      } else {
        throw new IllegalArgumentException("Layer '" + name + "': unknown Keras 1 dim_ordering "
            + ModelConfigs.describe(v) + " (expected \"tf\", \"th\" or \"default\").");
      }
      c.putIfAbsent("data_format", format);
    }
  }

  /** Keras 1's input_dim / input_length → batch_input_shape [null, input_length, input_dim]. */
  private static void inputDimAndLength(Map<String, Object> c) {
    Object dim = c.remove("input_dim");
    Object length = c.remove("input_length");
    if (dim != null && !c.containsKey("batch_input_shape")) {
      List<Object> shape = new ArrayList<>();
      shape.add(null);
      shape.add(length);
      shape.add(dim);
      c.put("batch_input_shape", shape);
    }
  }
}
