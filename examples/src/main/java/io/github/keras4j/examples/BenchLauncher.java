package io.github.keras4j.examples;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs a benchmark in a JVM of its own, so that its peak memory (RSS) is the benchmark's alone — as the peers'
 * figures are their Python process alone — and not that of Maven's JVM, which {@code exec:java} runs the
 * benchmark in (Maven's own heap, classes and threads would count).
 *
 * <p>The child JVM gets the benchmark's class path, the {@code keras4j.*} system properties of this one, and
 * flags sized for the benchmark: the serial collector (one heap, no concurrent GC threads and their buffers),
 * a small initial heap and a maximum heap the benchmark needs (Java's default would let the heap grow to a
 * quarter of the machine's memory before collecting), and {@value #HEAP_FREE_RATIOS}: after a full collection
 * the old generation is sized to what survived plus 10–20% (the JVM's default, 40–70% free, grew it by ~100 MB of
 * resident pages over the ~175 MB the benchmarks keep live, pages that only ever held garbage; the price is a
 * full collection every few seconds: 18 in a BenchCnn run, 0.26 s in all). Its output goes to this process's output.
 *
 * <p>Environment: the child gets {@code TF_CPP_MIN_LOG_LEVEL=3} (quiet TensorFlow) and {@code MALLOC_ARENA_MAX=2}
 * (glibc's malloc keeps at most two arenas instead of up to eight per core: the small allocations of
 * TensorFlow's thread pools and of the JVM's threads otherwise spread over a dozen arenas that each keep freed
 * memory; ~20 MB less peak RSS fine-tuning MobileNet, no measurable change in speed), each unless already set. A
 * user's own program gets the same by exporting {@code MALLOC_ARENA_MAX=2}.
 *
 * <p>{@code -Dkeras4j.bench.inProcess=true} runs the benchmark in the calling JVM instead;
 * {@code -Dkeras4j.bench.jvmArgs="..."} replaces the child's JVM flags (space-separated).
 */
final class BenchLauncher {
  /** Set in the child JVM, so that it runs the benchmark itself. */
  static final String CHILD = "keras4j.bench.child";
  /** The child's heap sizing after a full collection: 10–20% free (the JVM's default is 40–70%). */
  static final String HEAP_FREE_RATIOS = "-XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20";

  private BenchLauncher() {}

  /**
   * Runs {@code main} with {@code args} in a child JVM with at most {@code maxHeap} of heap (a JVM size such as
   * {@code 256m}) and returns true when it did (the caller returns then); returns false in the child itself or
   * when the benchmark runs in process.
   *
   * @throws IllegalStateException when the child JVM fails (its exit status) or cannot start
   */
  static boolean relaunch(Class<?> main, String[] args, String maxHeap) {
    return relaunch(main, args, maxHeap, null);
  }

  /**
   * As {@link #relaunch(Class, String[], String)}, with the young generation capped at {@code youngHeap}
   * ({@code -Xmn}; {@code null} for the JVM's default, a third of the heap). A benchmark that streams images
   * allocates hundreds of MB of short-lived batches: every page of an eden of a third of the heap is touched
   * between two young collections, so a small eden keeps them out of the peak RSS (collections stay cheap:
   * little survives them).
   */
  static boolean relaunch(Class<?> main, String[] args, String maxHeap, String youngHeap) {
    if (Boolean.getBoolean(CHILD) || Boolean.getBoolean("keras4j.bench.inProcess")) {
      return false;
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String jvmArgs = System.getProperty("keras4j.bench.jvmArgs");
    if (jvmArgs != null && !jvmArgs.isBlank()) {
      command.addAll(Arrays.asList(jvmArgs.trim().split("\\s+")));
    } else {
      command.addAll(List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx" + maxHeap));
      command.addAll(Arrays.asList(HEAP_FREE_RATIOS.split(" ")));
      if (youngHeap != null) {
        command.add("-Xmn" + youngHeap);
      }
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("keras4j.") && !name.startsWith("keras4j.bench.")) {
        command.add("-D" + name + "=" + System.getProperty(name));
      }
    }
    command.add("-D" + CHILD + "=true");
    command.add("-cp");
    command.add(classPath(main));
    command.add(main.getName());
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "3");
    builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
    System.out.printf(Locale.ROOT, "(running %s in its own JVM: %s, MALLOC_ARENA_MAX=%s; -Dkeras4j.bench.inProcess=true"
        + " runs it here)%n", main.getSimpleName(), String.join(" ", command.subList(1, command.indexOf("-cp"))),
        builder.environment().get("MALLOC_ARENA_MAX"));
    try {
      int status = builder.start().waitFor();
      if (status != 0) {
        throw new IllegalStateException(main.getSimpleName() + " failed in its own JVM (exit status " + status
            + "); see its output above, or run it here with -Dkeras4j.bench.inProcess=true.");
      }
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start a JVM for " + main.getSimpleName() + " (" + command.get(0)
          + "): " + e.getMessage() + "; run it here with -Dkeras4j.bench.inProcess=true.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(main.getSimpleName() + " was interrupted.", e);
    }
    return true;
  }

  /**
   * The class path {@code main} was loaded from: the URLs of its class loaders (Maven's {@code exec:java} loads
   * the project through one) or, under a plain {@code java -cp}, {@code java.class.path}.
   */
  private static String classPath(Class<?> main) {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader l = main.getClassLoader(); l != null; l = l.getParent()) {
      if (l instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException e) {
            entries.add(url.getPath());
          }
        }
      }
    }
    if (!entries.isEmpty()) {
      return String.join(File.pathSeparator, entries);
    }
    for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
