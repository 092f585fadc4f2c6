package io.github.keras4j.saving;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML as Keras 2's {@code to_yaml()} writes it (PyYAML's default dumper: block style, sorted keys, tuples tagged
 * {@code !!python/tuple}), through SnakeYAML. Reading accepts the Python tags PyYAML writes for plain data
 * ({@code !!python/tuple}, {@code !!python/unicode}, …) and nothing that would construct objects; aliases, nesting
 * and size are limited.
 */
final class KerasYaml {
  private static final Tag TUPLE = new Tag("tag:yaml.org,2002:python/tuple");

  /** Config keys whose values Keras holds as tuples (written with {@code !!python/tuple}). */
  private static final Set<String> TUPLE_KEYS =
      Set.of(
          "batch_input_shape", "input_shape", "batch_shape", "kernel_size", "strides", "pool_size",
          "dilation_rate", "padding", "target_shape", "cropping", "size", "noise_shape", "dims");

  /** The Python tags PyYAML writes for plain data; every other global tag is refused. */
  private static final Set<String> PYTHON_TAGS =
      Set.of("tuple", "unicode", "str", "int", "long", "float", "bool", "none").stream()
          .map(t -> "tag:yaml.org,2002:python/" + t)
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private KerasYaml() {}

  /**
   * Parses YAML into maps, lists, strings, numbers, booleans and {@code null}.
   *
   * @throws IllegalArgumentException if the text is not YAML Keras4J accepts (the message says why)
   */
  static Object parse(String yaml) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    options.setNestingDepthLimit(200);
    options.setCodePointLimit(KerasJson.MAX_CHARS);
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setTagInspector(tag -> PYTHON_TAGS.contains(tag.getValue()));
    try {
      return new Yaml(new PythonSafeConstructor(options)).load(yaml);
    } catch (YAMLException | ClassCastException e) {
      throw new IllegalArgumentException("Invalid YAML: " + e.getMessage(), e);
    }
  }

  /** Writes a config tree as PyYAML's {@code yaml.dump} does for Keras 2. */
  static String write(Object tree) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(80);
    return new Yaml(new PythonRepresenter(options), options).dump(prepare(null, tree));
  }

  /** Sorts map keys (PyYAML's default) and marks the lists Keras holds as tuples. */
  private static Object prepare(String key, Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String k = String.valueOf(e.getKey());
        sorted.put(k, prepare(k, e.getValue()));
      }
      return sorted;
    }
    if (value instanceof Collection<?> list) {
      boolean tuple = key != null && TUPLE_KEYS.contains(key);
      List<Object> items = tuple ? new PyTuple() : new ArrayList<>();
      for (Object item : list) {
        items.add(prepare(tuple ? key : null, item));
      }
      return items;
    }
    if (value instanceof int[] ints) {
      List<Object> items = key != null && TUPLE_KEYS.contains(key) ? new PyTuple() : new ArrayList<>();
      for (int i : ints) {
        items.add(i);
      }
      return items;
    }
    return value;
  }

  /** A Python tuple: a list written with the {@code !!python/tuple} tag. */
  private static final class PyTuple extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;
  }

  private static final class PythonRepresenter extends Representer {
    PythonRepresenter(DumperOptions options) {
      super(options);
      Represent floats = data -> representScalar(Tag.FLOAT, PyFormat.yamlFloat(((Number) data).doubleValue()));
      this.representers.put(Double.class, floats);
      this.representers.put(Float.class, floats);
      this.representers.put(
          PyTuple.class, data -> representSequence(TUPLE, (PyTuple) data, DumperOptions.FlowStyle.BLOCK));
    }
  }

  private static final class PythonSafeConstructor extends SafeConstructor {
    PythonSafeConstructor(LoaderOptions options) {
      super(options);
      this.yamlConstructors.put(
          TUPLE,
          new AbstractConstruct() {
            @Override
            public Object construct(Node node) {
              if (!(node instanceof SequenceNode seq)) {
                throw new YAMLException("!!python/tuple must tag a sequence" + node.getStartMark());
              }
              return constructSequence(seq);
            }
          });
      for (String name : List.of("unicode", "str")) {
        this.yamlConstructors.put(
            new Tag("tag:yaml.org,2002:python/" + name), new ScalarAs(this.yamlConstructors.get(Tag.STR)));
      }
      for (String name : List.of("int", "long")) {
        this.yamlConstructors.put(
            new Tag("tag:yaml.org,2002:python/" + name), new ScalarAs(this.yamlConstructors.get(Tag.INT)));
      }
      this.yamlConstructors.put(
          new Tag("tag:yaml.org,2002:python/float"), new ScalarAs(this.yamlConstructors.get(Tag.FLOAT)));
      this.yamlConstructors.put(
          new Tag("tag:yaml.org,2002:python/bool"), new ScalarAs(this.yamlConstructors.get(Tag.BOOL)));
      this.yamlConstructors.put(
          new Tag("tag:yaml.org,2002:python/none"), new ScalarAs(this.yamlConstructors.get(Tag.NULL)));
    }

    /** Constructs a Python-tagged scalar as the plain YAML type. */
    private static final class ScalarAs extends AbstractConstruct {
      private final org.yaml.snakeyaml.constructor.Construct delegate;

      ScalarAs(org.yaml.snakeyaml.constructor.Construct delegate) {
        this.delegate = delegate;
      }

      @Override
      public Object construct(Node node) {
        if (!(node instanceof ScalarNode)) {
          throw new YAMLException("a Python scalar tag must tag a scalar" + node.getStartMark());
        }
        return delegate.construct(node);
      }
    }
  }
}
