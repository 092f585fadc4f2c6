package io.github.keras4j.saving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.keras4j.KerasContext;
import io.github.keras4j.layers.Dense;
import io.github.keras4j.models.Model;
import io.github.keras4j.models.Models;
import io.github.keras4j.models.Sequential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every save goes through {@link AtomicFiles}: a save killed midway (a child JVM killed with SIGKILL) leaves the
 * old file whole, the next save removes the temporary file it left, and saved files get the umask's mode.
 */
class AtomicFilesTest {
  @TempDir Path dir;

  private static boolean posix() {
    return Files.getFileAttributeView(Path.of("."), java.nio.file.attribute.PosixFileAttributeView.class) != null;
  }

  private List<String> temps() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
    }
  }

  /** Saves a model over and over until killed. */
  public static final class Saver {
    public static void main(String[] args) throws Exception {
      try (KerasContext.Scope scope = KerasContext.isolated();
          Sequential model = new Sequential(new Dense(700).inputShape(700), new Dense(700))) {
        model.save(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        while (true) {
          model.save(Path.of(args[0]));
        }
      }
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aSaveKilledMidwayLeavesTheOldFileAndTheNextSaveRemovesItsTemporaryFile() throws Exception {
    for (String name : List.of("m.keras", "m.h5")) {
      Path file = dir.resolve(name);
      try (KerasContext.Scope scope = KerasContext.isolated();
          Sequential old = new Sequential(new Dense(3).inputShape(2))) {
        old.save(file);
      }
      byte[] before = Files.readAllBytes(file);
      boolean sawTemp = false;
      for (int attempt = 0; attempt < 5 && !sawTemp; attempt++) {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
            System.getProperty("java.class.path"), Saver.class.getName(), file.toString())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.PIPE).start();
        try {
          java.io.BufferedReader out = new java.io.BufferedReader(
              new java.io.InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
          for (String line; (line = out.readLine()) != null && !line.equals("ready"); ) {
            // TensorFlow's start-up lines
          }
          assertThat(child.isAlive()).as("the saver started").isTrue();
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
          while (System.nanoTime() < deadline && temps().isEmpty()) {
            Thread.onSpinWait();
          }
          child.destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
          child.waitFor(30, TimeUnit.SECONDS);
          sawTemp = !temps().isEmpty();
        } finally {
          child.destroyForcibly();
        }
      }
      assertThat(sawTemp).as("a temporary file was left by the killed save of %s", name).isTrue();
      // The file is whole: the old content or a complete new one, never a partial write.
      try (KerasContext.Scope scope = KerasContext.isolated(); Model loaded = Models.load(file)) {
        assertThat(loaded.layers()).isNotEmpty();
      }
      assertThat(Files.size(file)).isGreaterThan(0);
      byte[] after = Files.readAllBytes(file);
      assertThat(after.length == before.length || after.length > 700 * 700 * 4).isTrue();
      // The next save cleans up what the killed one left.
      try (KerasContext.Scope scope = KerasContext.isolated();
          Sequential next = new Sequential(new Dense(3).inputShape(2))) {
        next.save(file);
      }
      assertThat(temps()).as("temporary files after the next save").isEmpty();
    }
  }

  @Test
  void newFilesGetTheUmaskModeAndOverwrittenFilesKeepTheirs() throws Exception {
    Assumptions.assumeTrue(posix(), "POSIX file modes");
    Path plain = Files.createFile(dir.resolve("plain.txt")); // what the umask gives, as Python's open()
    Set<PosixFilePermission> umaskMode = Files.getPosixFilePermissions(plain);
    Path model = dir.resolve("m.keras");
    Path weights = dir.resolve("w.weights.h5");
    try (KerasContext.Scope scope = KerasContext.isolated();
        Sequential m = new Sequential(new Dense(3).inputShape(2))) {
      m.save(model);
      m.saveWeights(weights);
      assertThat(Files.getPosixFilePermissions(model)).isEqualTo(umaskMode);
      assertThat(Files.getPosixFilePermissions(weights)).isEqualTo(umaskMode);
      Files.setPosixFilePermissions(model, PosixFilePermissions.fromString("rw-r-----"));
      m.save(model);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(model))).isEqualTo("rw-r-----");
    }
    assertThat(temps()).isEmpty();
  }

  @Test
  void aFailingWriterLeavesTheTargetAndNoTemporaryFile() throws Exception {
    Path target = dir.resolve("data.bin");
    AtomicFiles.writeStream(target, out -> out.write(new byte[] {1, 2, 3}));
    assertThatThrownBy(() -> AtomicFiles.writeStream(target, out -> {
      out.write(new byte[] {9, 9});
      throw new IOException("disk full (simulated)");
    })).hasMessageContaining("disk full");
    assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    assertThat(temps()).isEmpty();
  }

  @Test
  void removesStaleTemporaryFilesOfDeadProcessesOnly() throws Exception {
    Path target = dir.resolve("plot.png");
    Process dead = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version").start();
    dead.waitFor();
    long deadPid = dead.pid();
    Path stale = Files.createFile(dir.resolve(".plot.png." + deadPid + ".k3j9x.tmp"));
    Path legacy = Files.createFile(dir.resolve(".plot.png.8071234567.tmp"));
    Path live = Files.createFile(dir.resolve(".plot.png." + ProcessHandle.current().pid() + ".abc.tmp"));
    Path other = Files.createFile(dir.resolve(".other.png." + deadPid + ".k3j9x.tmp"));
    AtomicFiles.writeStream(target, out -> out.write(1));
    assertThat(stale).doesNotExist();
    assertThat(legacy).doesNotExist();
    assertThat(live).exists(); // a save in progress in this process
    assertThat(other).exists(); // another file's
    assertThat(target).hasBinaryContent(new byte[] {1});
  }

  @Test
  void refusesAFolderAndAMissingFolderNamingThem() {
    assertThatThrownBy(() -> AtomicFiles.writeStream(dir, out -> out.write(1)))
        .isInstanceOf(KerasFileException.class).hasMessageContaining("is a folder");
    Path missing = dir.resolve("nope/file.bin");
    assertThatThrownBy(() -> AtomicFiles.writeStream(missing, out -> out.write(1)))
        .isInstanceOf(KerasFileException.class).hasMessageContaining("does not exist");
  }
}
