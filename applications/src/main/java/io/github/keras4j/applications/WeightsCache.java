package io.github.keras4j.applications;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.utils.Progbar;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The model zoo's download cache, as Keras's {@code get_file(..., cache_subdir="models")}: weights live in
 * {@code ~/.keras/models} ({@code $KERAS_HOME/models} when {@code KERAS_HOME} is set), the same folder Python
 * Keras uses, so a machine that already ran Keras downloads nothing.
 *
 * <ul>
 *   <li>A local folder is searched first: system property {@code keras4j.weights.dir} or environment variable
 *       {@code KERAS4J_WEIGHTS_DIR}.
 *   <li>A mirror replaces Keras's download host: {@code keras4j.weights.mirror} / {@code KERAS4J_WEIGHTS_MIRROR}
 *       (a base URL; the file name is appended).
 *   <li>Downloads go to {@code <file>.part}, resume from where an interrupted one stopped, are retried, verified
 *       against Keras's md5 where Keras publishes one, and only then moved into place atomically — a partial file
 *       never looks complete. A cached file whose md5 is wrong is downloaded again.
 *   <li>Offline, the error says which file to place where.
 * </ul>
 */
public final class WeightsCache {
  private static final int ATTEMPTS = 3;

  private final Path cacheDir;
  private final Path localDir;
  private final String mirror;
  private final HttpClient client;
  private final PrintStream out;

  /** Creates the cache Keras uses, honouring {@code KERAS_HOME} and the Keras4J overrides. */
  public WeightsCache() {
    this(defaultCacheDir(), setting("keras4j.weights.dir", "KERAS4J_WEIGHTS_DIR"),
        setting("keras4j.weights.mirror", "KERAS4J_WEIGHTS_MIRROR"), System.out);
  }

  /**
   * Creates a cache over explicit folders (for tests and embedding).
   *
   * @param cacheDir where downloads are kept
   * @param localDir a folder searched first, or {@code null}
   * @param mirror a base URL replacing the original host, or {@code null}
   * @param out where progress is printed
   */
  public WeightsCache(Path cacheDir, String localDir, String mirror, PrintStream out) {
    this.cacheDir = requireNonNull(cacheDir, "cacheDir");
    this.localDir = localDir == null || localDir.isBlank() ? null : Path.of(localDir);
    this.mirror = mirror == null || mirror.isBlank() ? null : mirror;
    this.out = requireNonNull(out, "out");
    this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Returns {@code $KERAS_HOME/models}, or {@code ~/.keras/models}. */
  public static Path defaultCacheDir() {
    String home = System.getenv("KERAS_HOME");
    Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".keras");
    return base.resolve("models");
  }

  private static String setting(String property, String env) {
    String v = System.getProperty(property);
    return v != null ? v : System.getenv(env);
  }

  /** Returns the folder downloads are kept in. */
  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * Returns a local path to the file, from the local folder, the cache, or a download.
   *
   * @param fileName the file name, e.g. {@code vgg16_weights_tf_dim_ordering_tf_kernels.h5}
   * @param url where Keras downloads it from
   * @param md5 the expected md5 (hex), or {@code null} when Keras publishes none
   * @throws WeightsUnavailableException if it cannot be found or downloaded; the message says where to put it
   */
  public Path get(String fileName, String url, String md5) throws IOException {
    requireNonNull(fileName, "fileName");
    requireNonNull(url, "url");
    if (fileName.contains("/") || fileName.contains("\\") || fileName.contains("..")) {
      throw new IllegalArgumentException("WeightsCache: fileName must be a plain file name, but got " + fileName);
    }
    if (localDir != null) {
      Path local = localDir.resolve(fileName);
      if (Files.isRegularFile(local)) {
        verify(local, md5, true);
        return local;
      }
    }
    Path target = cacheDir.resolve(fileName);
    if (Files.isRegularFile(target)) {
      if (md5 == null || md5.equalsIgnoreCase(md5Of(target))) {
        return target;
      }
      out.println("A local file was found, but it seems to be incomplete or outdated because the md5 file hash"
          + " does not match the original value of " + md5 + " so we will re-download the data.");
    }
    String source = mirror != null ? stripSlash(mirror) + "/" + fileName : url;
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw unavailable(fileName, url, "the cache folder " + cacheDir + " cannot be created (" + e + ")");
    }
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        download(source, target);
        verify(target.resolveSibling(fileName + ".part"), md5, false);
        Path part = target.resolveSibling(fileName + ".part");
        io.github.keras4j.saving.AtomicFiles.commit(part, target);
        return target;
      } catch (CorruptDownloadException e) {
        Files.deleteIfExists(target.resolveSibling(fileName + ".part"));
        last = e;
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw unavailable(fileName, source, "the download was interrupted");
      }
    }
    throw unavailable(fileName, source, String.valueOf(last.getMessage()));
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private WeightsUnavailableException unavailable(String fileName, String url, String reason) {
    return new WeightsUnavailableException(
        "Could not get " + fileName + " from " + url + ": " + reason + ". Without internet access, download it"
            + " elsewhere and place it at " + cacheDir.resolve(fileName)
            + " (or in a folder named by -Dkeras4j.weights.dir / KERAS4J_WEIGHTS_DIR), or pass a weights file"
            + " explicitly.");
  }

  private void download(String url, Path target) throws IOException, InterruptedException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    long have = Files.isRegularFile(part) ? Files.size(part) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30));
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    out.println("Downloading data from " + url);
    HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    int status = response.statusCode();
    boolean append = status == 206 && have > 0;
    if (status != 200 && status != 206) {
      response.body().close();
      throw new IOException("HTTP " + status);
    }
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    long total = length < 0 ? -1 : length + (append ? have : 0);
    Progbar bar = total > 0 ? new Progbar((int) Math.min(Integer.MAX_VALUE, total), 1, out,
        Progbar.stdoutIsTerminal(), "B") : null;
    try (InputStream in = response.body();
        OutputStream os = Files.newOutputStream(part, StandardOpenOption.CREATE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[1 << 16];
      long done = append ? have : 0;
      int n;
      while ((n = in.read(buffer)) >= 0) {
        os.write(buffer, 0, n);
        done += n;
        if (bar != null) {
          bar.update((int) Math.min(Integer.MAX_VALUE, done), Map.of(), false);
        }
      }
      if (bar != null) {
        bar.update((int) Math.min(Integer.MAX_VALUE, total), Map.of(), true);
      }
    }
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private void verify(Path file, String md5, boolean local) throws IOException {
    if (md5 == null) {
      return;
    }
    String actual = md5Of(file);
    if (!md5.equalsIgnoreCase(actual)) {
      if (local) {
        throw new CorruptDownloadException(
            file + ": md5 " + actual + " does not match Keras's " + md5 + "; the file is corrupt or a different"
                + " version. Replace it.");
      }
      throw new CorruptDownloadException(
          "the downloaded file's md5 " + actual + " does not match Keras's " + md5);
    }
  }

  /** Returns the md5 of a file as lowercase hex. */
  public static String md5Of(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    } catch (NoSuchFileException e) {
      throw e;
    }
    return HexFormat.of().formatHex(digest.digest()).toLowerCase(Locale.ROOT);
  }

  /** Thrown when a downloaded or local file fails its md5 check. */
  public static final class CorruptDownloadException extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptDownloadException(String message) {
      super(message);
    }
  }

  /** Thrown when weights can be neither found nor downloaded; the message says where to place the file. */
  public static final class WeightsUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    WeightsUnavailableException(String message) {
      super(message);
    }
  }
}
