package io.github.keras4j.examples;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line arguments of the examples: {@code --name value} options and positional arguments. */
final class Args {
  private final Map<String, String> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  Args(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--")) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("Option " + args[i] + " needs a value.");
        }
        options.put(args[i].substring(2), args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
  }

  String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }

  double number(String name, double fallback) {
    return parsed(name, fallback, Double::parseDouble, "a number");
  }

  int integer(String name, int fallback) {
    return parsed(name, fallback, Integer::parseInt, "an integer");
  }

  /** The option parsed, or the fallback when absent; a value that does not parse names the option. */
  private <T> T parsed(String name, T fallback, java.util.function.Function<String, T> parse, String what) {
    String v = options.get(name);
    try {
      return v == null ? fallback : parse.apply(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be " + what + ", but got '" + v + "'.", e);
    }
  }

  /** Returns the positional arguments. */
  String[] positional() {
    return positional.toArray(new String[0]);
  }
}
