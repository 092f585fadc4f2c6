package io.github.keras4j.saving;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Writes files so that readers see either the old or the complete new content, for every file Keras4J writes
 * (models, weights, plots, images, downloads). The content goes to a temporary file beside the target, is forced
 * to disk, moved over the target atomically, and the folder is forced to disk so that the rename survives a power
 * loss.
 *
 * <ul>
 *   <li>If anything fails before the move, the temporary file is removed and the target is untouched.
 *   <li>Temporary files are named {@code .<name>.<pid>.<random>.tmp}. A process killed mid-save leaves one; the
 *       next save of the same file removes those of processes that are no longer running.
 *   <li>A new file gets the mode the process's umask gives ({@code 0644} under umask 022, as Python's
 *       {@code open} and h5py, which Keras uses); an existing file keeps its mode, as when Keras overwrites it.
 * </ul>
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("plot.png"), temp -> ImageIO.write(image, "png", temp.toFile()));
 * AtomicFiles.writeStream(Path.of("log.txt"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long PID = ProcessHandle.current().pid();

  private AtomicFiles() {}

  /** Fills the temporary file it is given. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the content into {@code temp} (an empty file that already exists).
     *
     * @param temp the temporary file
     * @throws IOException if writing fails; the target is then untouched
     */
    void write(Path temp) throws IOException;
  }

  /** Writes the content to a stream. */
  @FunctionalInterface
  public interface StreamWriter {
    /**
     * Writes the content to {@code out}.
     *
     * @param out the stream of the temporary file (closed by the caller)
     * @throws IOException if writing fails; the target is then untouched
     */
    void write(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} atomically through {@code writer}, which fills the temporary file it is given.
   *
   * @throws KerasFileException if the folder does not exist or the target is a folder
   * @throws IOException if writing, forcing or moving fails (the target then keeps its old content)
   */
  public static void write(Path target, Writer writer) throws IOException {
    requireNonNull(writer, "writer");
    Path temp = createTemp(target);
    boolean moved = false;
    try {
      writer.write(temp);
      commit(temp, target);
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Writes {@code target} atomically from a stream.
   *
   * @throws IOException if writing fails (the target then keeps its old content)
   */
  public static void writeStream(Path target, StreamWriter writer) throws IOException {
    requireNonNull(writer, "writer");
    write(target, temp -> {
      try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        writer.write(out);
      }
    });
  }

  /**
   * Creates an empty temporary file beside {@code target}, named so that a later save of the same target removes
   * it if this process dies before {@link #commit}. Stale temporary files of {@code target} left by processes that
   * are no longer running are removed first. The caller deletes the file if it does not commit it.
   *
   * @throws KerasFileException if the folder does not exist or the target is a folder
   * @throws IOException if the file cannot be created
   */
  public static Path createTemp(Path target) throws IOException {
    return createTemp(target, "");
  }

  /**
   * Creates a temporary file as {@link #createTemp(Path)}, with {@code tag} in its name, for a second temporary
   * file of the same save (such as the weights that go into a {@code .keras} archive).
   *
   * @param tag lower-case letters, digits and dashes
   * @throws IOException if the file cannot be created
   */
  public static Path createTemp(Path target, String tag) throws IOException {
    requireNonNull(target, "target");
    if (!tag.matches("[a-z0-9-]*")) {
      throw new IllegalArgumentException("tag must hold only a-z, 0-9 and '-', but got '" + tag + "'.");
    }
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    if (dir == null || absolute.getFileName() == null) {
      throw new KerasFileException(target, "not a file path (it has no parent folder).");
    }
    if (!Files.isDirectory(dir)) {
      throw new KerasFileException(target, "the folder " + dir + " does not exist.");
    }
    if (Files.isDirectory(absolute)) {
      throw new KerasFileException(target, "is a folder, not a file.");
    }
    removeStaleTemps(absolute);
    String prefix = tempPrefix(absolute);
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve(prefix + PID + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
          + (tag.isEmpty() ? "" : "-" + tag) + ".tmp");
      try {
        // No file attributes: the mode is 0666 minus the umask, as Python's open() gives.
        Files.createFile(temp);
        return temp;
      } catch (FileAlreadyExistsException e) {
        if (attempt > 100) {
          throw e;
        }
      }
    }
  }

  /**
   * Forces {@code temp} to disk, gives it the mode of an existing {@code target}, moves it over {@code target}
   * atomically (where the file system allows) and forces the folder to disk.
   *
   * @throws IOException if forcing or moving fails ({@code temp} is then left for the caller to delete)
   */
  public static void commit(Path temp, Path target) throws IOException {
    requireNonNull(temp, "temp");
    Path absolute = requireNonNull(target, "target").toAbsolutePath();
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    keepMode(absolute, temp);
    try {
      Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
    }
    syncFolder(absolute.getParent());
  }

  private static String tempPrefix(Path absolute) {
    return "." + absolute.getFileName() + ".";
  }

  /** Gives {@code temp} the permissions of an existing {@code target}, as overwriting the file in place would. */
  private static void keepMode(Path target, Path temp) {
    PosixFileAttributeView targetView = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView tempView = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (targetView == null || tempView == null) {
      return;
    }
    try {
      tempView.setPermissions(targetView.readAttributes().permissions());
    } catch (NoSuchFileException e) {
      // a new file: keep the umask's mode
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // not allowed (another owner): keep the umask's mode
    }
  }

  /**
   * Removes {@code .<name>.<pid>.<random>.tmp} files of this target whose process is gone (killed mid-save), and
   * the {@code .<name>.<random>.tmp} files of Keras4J versions before process ids were recorded.
   */
  private static void removeStaleTemps(Path absolute) {
    String prefix = tempPrefix(absolute);
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(absolute.getParent(),
        entry -> {
          String n = entry.getFileName().toString();
          return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
      for (Path temp : stream) {
        String middle = temp.getFileName().toString();
        middle = middle.substring(prefix.length(), middle.length() - ".tmp".length());
        if (isStale(middle)) {
          try {
            Files.deleteIfExists(temp);
          } catch (IOException e) {
            // someone else's file, or already gone: leave it
          }
        }
      }
    } catch (IOException | SecurityException e) {
      // cannot list the folder: nothing to clean
    }
  }

  private static boolean isStale(String middle) {
    int dot = middle.indexOf('.');
    if (dot <= 0) {
      // ".name.<digits>.tmp": the names of Keras4J versions that recorded no process id.
      return middle.matches("[0-9]+");
    }
    long pid;
    try {
      pid = Long.parseLong(middle.substring(0, dot));
    } catch (NumberFormatException e) {
      return false; // not ours
    }
    if (!middle.substring(dot + 1).toLowerCase(Locale.ROOT).matches("[0-9a-z]+(-[a-z0-9-]+)?")) {
      return false;
    }
    if (pid == PID) {
      return false; // a save in progress in this process
    }
    return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  /** Makes the rename durable where the platform allows opening a folder (Linux, macOS). */
  private static void syncFolder(Path dir) {
    if (dir == null) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Not supported here (Windows); the file itself is on disk.
    }
  }
}
