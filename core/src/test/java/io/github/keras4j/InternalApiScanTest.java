package io.github.keras4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No public API is documented as internal: a public or protected declaration whose Javadoc starts with
 * "Internal" must be made package-private or moved into an {@code internal} package (or {@code backend}), which
 * are excluded from the Javadoc. A source scan, since ArchUnit does not see Javadoc; it reads the main sources of
 * every module of the build that sits next to keras4j-core.
 */
class InternalApiScanTest {
  /** Known exceptions, each with its reason (none today). */
  private static final Map<String, String> ALLOWED = Map.of();

  private static final Pattern DOC_THEN_DECLARATION =
      Pattern.compile("/\\*\\*(.*?)\\*/\\s*(?:@[\\w.]+(?:\\([^)]*\\))?\\s*)*([^;{=]*?)[;{=(]", Pattern.DOTALL);

  @Test
  void noPublicDeclarationIsDocumentedAsInternal() throws IOException {
    List<Path> roots = new ArrayList<>();
    roots.add(Path.of("src/main/java"));
    try (Stream<Path> modules = Files.list(Path.of(".."))) {
      modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory)
          .filter(p -> !p.toAbsolutePath().normalize().equals(Path.of("src/main/java").toAbsolutePath().normalize()))
          .forEach(roots::add);
    }
    assertThat(roots.get(0)).isDirectory();
    List<String> violations = new ArrayList<>();
    int scanned = 0;
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          String rel = root.relativize(file).toString().replace('\\', '/');
          if (rel.contains("/internal/") || rel.contains("/backend/") || rel.endsWith("package-info.java")) {
            continue;
          }
          scanned++;
          violations.addAll(scan(rel, Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    }
    assertThat(scanned).as("source files scanned").isGreaterThan(100);
    assertThat(violations).isEmpty();
  }

  /** The scan finds a public method and a public class documented as internal, and ignores private ones. */
  @Test
  void scanFindsPublicInternals() {
    String source = """
        package x;
        /** Internal: a helper. */
        public final class Helper {
          /** Internal: reads it. */
          public float[] read() { return null; }
          /** Internal: not visible. */
          float[] hidden() { return null; }
          /** Reads it. Internal details follow. */
          public float[] fine() { return null; }
          /**
           * Internal (Bidirectional): protected is visible to subclasses.
           */
          @Override
          protected void hook(int a) {}
        }
        """;
    assertThat(scan("x/Helper.java", source))
        .containsExactly("x/Helper.java: public final class Helper", "x/Helper.java: public float[] read",
            "x/Helper.java: protected void hook");
  }

  static List<String> scan(String file, String source) {
    List<String> found = new ArrayList<>();
    Matcher m = DOC_THEN_DECLARATION.matcher(source);
    while (m.find()) {
      String doc = m.group(1).replaceAll("(?m)^\\s*\\*", " ").strip();
      String declaration = m.group(2).strip().replaceAll("\\s+", " ");
      boolean visible = declaration.startsWith("public ") || declaration.startsWith("protected ");
      if (visible && doc.startsWith("Internal")) {
        String[] words = declaration.split(" ");
        String name = words[words.length - 1];
        if (!ALLOWED.containsKey(file + ":" + name)) {
          found.add(file + ": " + declaration);
        }
      }
    }
    return found;
  }
}
