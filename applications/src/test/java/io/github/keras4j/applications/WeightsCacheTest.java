package io.github.keras4j.applications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model zoo cache against a loopback HTTP server. */
class WeightsCacheTest {
  private static final byte[] PAYLOAD = payload();
  private HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failFirst;
  private volatile boolean honourRange = true;
  private String base;

  @TempDir Path temp;

  private static byte[] payload() {
    byte[] bytes = new byte[200_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31 + 7);
    }
    return bytes;
  }

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/weights/", exchange -> {
      int n = requests.incrementAndGet();
      if (n <= failFirst) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
        return;
      }
      String range = exchange.getRequestHeaders().getFirst("Range");
      byte[] body = PAYLOAD;
      int status = 200;
      if (range != null && honourRange) {
        int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        body = Arrays.copyOfRange(PAYLOAD, from, PAYLOAD.length);
        status = 206;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream os = exchange.getResponseBody()) {
        os.write(body);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/weights/";
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private WeightsCache cache(String localDir, String mirror) {
    return new WeightsCache(temp.resolve("models"), localDir, mirror,
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  @Test
  void downloadsVerifiesAndCaches() throws IOException {
    String md5 = md5(PAYLOAD);
    Path file = cache(null, null).get("w.h5", base + "w.h5", md5);
    assertThat(file).isEqualTo(temp.resolve("models/w.h5"));
    assertThat(Files.readAllBytes(file)).isEqualTo(PAYLOAD);
    assertThat(Files.exists(temp.resolve("models/w.h5.part"))).isFalse();
    cache(null, null).get("w.h5", base + "w.h5", md5);
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void retriesAfterServerErrors() throws IOException {
    failFirst = 2;
    Path file = cache(null, null).get("w.h5", base + "w.h5", md5(PAYLOAD));
    assertThat(Files.readAllBytes(file)).isEqualTo(PAYLOAD);
    assertThat(requests.get()).isEqualTo(3);
  }

  @Test
  void resumesAPartialDownload() throws IOException {
    Files.createDirectories(temp.resolve("models"));
    Files.write(temp.resolve("models/w.h5.part"), Arrays.copyOf(PAYLOAD, 70_000));
    Path file = cache(null, null).get("w.h5", base + "w.h5", md5(PAYLOAD));
    assertThat(Files.readAllBytes(file)).isEqualTo(PAYLOAD);
  }

  @Test
  void redownloadsACorruptCachedFile() throws IOException {
    Files.createDirectories(temp.resolve("models"));
    Files.write(temp.resolve("models/w.h5"), new byte[] {1, 2, 3});
    Path file = cache(null, null).get("w.h5", base + "w.h5", md5(PAYLOAD));
    assertThat(Files.readAllBytes(file)).isEqualTo(PAYLOAD);
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void rejectsADownloadWithTheWrongMd5AndKeepsNoPartialFile() {
    assertThatThrownBy(() -> cache(null, null).get("w.h5", base + "w.h5", "00000000000000000000000000000000"))
        .isInstanceOf(WeightsCache.WeightsUnavailableException.class)
        .hasMessageContaining("md5")
        .hasMessageContaining(temp.resolve("models/w.h5").toString());
    assertThat(Files.exists(temp.resolve("models/w.h5"))).isFalse();
    assertThat(Files.exists(temp.resolve("models/w.h5.part"))).isFalse();
  }

  @Test
  void prefersALocalFolderAndAMirror() throws IOException {
    Path local = Files.createDirectories(temp.resolve("local"));
    Files.write(local.resolve("w.h5"), PAYLOAD);
    assertThat(cache(local.toString(), null).get("w.h5", "http://127.0.0.1:1/never", md5(PAYLOAD)))
        .isEqualTo(local.resolve("w.h5"));
    Path viaMirror = cache(null, base).get("x.h5", "http://127.0.0.1:1/never/x.h5", null);
    assertThat(Files.readAllBytes(viaMirror)).isEqualTo(PAYLOAD);
  }

  @Test
  void explainsWhereToPlaceTheFileWhenOffline() {
    server.stop(0);
    assertThatThrownBy(() -> cache(null, null).get("w.h5", base + "w.h5", null))
        .isInstanceOf(WeightsCache.WeightsUnavailableException.class)
        .hasMessageContaining("Could not get w.h5 from " + base + "w.h5")
        .hasMessageContaining("place it at " + temp.resolve("models/w.h5"))
        .hasMessageContaining("KERAS4J_WEIGHTS_DIR");
  }

  @Test
  void refusesFileNamesWithPaths() {
    assertThatThrownBy(() -> cache(null, null).get("../evil.h5", base + "x", null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../evil.h5");
  }

  @Test
  void honoursKerasHomeLayout() {
    assertThat(WeightsCache.defaultCacheDir().getFileName().toString()).isEqualTo("models");
  }

  private static String md5(byte[] bytes) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
