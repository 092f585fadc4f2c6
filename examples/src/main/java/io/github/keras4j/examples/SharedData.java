package io.github.keras4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * Finds the course's data sets (the shared copy beside the repository, or a folder given on the command line) and
 * copies them once into the output folder, since the image episodes reorganize them and the shared copy is
 * read-only.
 */
final class SharedData {
  private SharedData() {}

  /**
   * Returns the data folder to use: {@code given} if not blank, else {@code ../shared/data/<name>} (from the
   * repository root) or {@code ../../shared/data/<name>} (from examples/); or {@code null} after printing where it
   * looked and how to pass a folder.
   */
  static Path find(String name, String given, String episode) {
    List<Path> candidates = new ArrayList<>();
    if (given != null && !given.isBlank()) {
      candidates.add(Path.of(given));
    } else {
      candidates.add(Path.of("../shared/data", name));
      candidates.add(Path.of("../../shared/data", name));
    }
    for (Path candidate : candidates) {
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    StringJoiner looked = new StringJoiner(" and ");
    for (Path candidate : candidates) {
      looked.add(candidate.toAbsolutePath().normalize().toString());
    }
    System.out.println(episode + ": the " + name + " images were not found (looked in " + looked + ").");
    System.out.println("Pass the folder as the first argument, e.g.");
    System.out.println("  ./mvnw -q -pl examples -am compile exec:java -Depisode=\"" + episode + " /path/to/" + name
        + "\"");
    return null;
  }

  /**
   * Copies the source tree to {@code target} unless it is already there; the copy is assembled beside the target
   * and renamed into place, so an interrupted copy is never taken for a complete one. The source is only read.
   */
  static void copyOnce(Path source, Path target) throws IOException {
    if (Files.isDirectory(target)) {
      System.out.println("Using the copy in " + target + " (delete it to start from " + source + " again).");
      return;
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path partial = Files.createTempDirectory(target.toAbsolutePath().getParent(), "." + target.getFileName() + "-copy");
    int files = 0;
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path to = partial.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          try (InputStream in = Files.newInputStream(p)) { // a fresh, writable file: the source may be read-only
            Files.copy(in, to);
          }
          files++;
        }
      }
    }
    Files.move(partial, target);
    System.out.println("Copied " + files + " files from " + source + " to " + target + ".");
  }
}
