package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

import io.github.keras4j.models.Model;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Backs training up at the end of every epoch and resumes an interrupted {@code fit} from the last backup, as
 * Keras's {@code BackupAndRestore}: {@code <dir>/model.weights.h5} (weights and optimizer state, Keras 3 layout)
 * and {@code <dir>/training_metadata.json} ({@code {"epoch": E, "batch": 0}}, the next epoch to run). When a
 * {@code fit} starts and a backup exists, the weights and optimizer state are loaded and training continues at
 * epoch {@code E}; when {@code fit} ends normally, the backup directory is deleted ({@code deleteCheckpoint}).
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(50).callbacks(new BackupAndRestore(Path.of("/tmp/backup"))));
 * }</pre>
 */
public final class BackupAndRestore implements Callback {
  private static final Pattern EPOCH = Pattern.compile("\"epoch\"\\s*:\\s*(\\d+)");
  private final Path dir;
  private final boolean deleteCheckpoint;
  private Model model;

  /** Creates the callback backing up into {@code dir}, deleted when training completes. */
  public BackupAndRestore(Path dir) {
    this(dir, true);
  }

  /** Creates the callback; {@code deleteCheckpoint = false} keeps the backup after training completes. */
  public BackupAndRestore(Path dir, boolean deleteCheckpoint) {
    this.dir = requireNonNull(dir, "dir");
    this.deleteCheckpoint = deleteCheckpoint;
  }

  private Path weights() {
    return dir.resolve("model.weights.h5");
  }

  private Path metadata() {
    return dir.resolve("training_metadata.json");
  }

  @Override
  public void setModel(Model model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    try {
      if (Files.exists(weights())) {
        model.loadWeights(weights());
      }
      if (Files.exists(metadata())) {
        String text = Files.readString(metadata(), StandardCharsets.UTF_8);
        Matcher m = EPOCH.matcher(text);
        if (!m.find()) {
          throw new IllegalStateException("BackupAndRestore: " + metadata() + " has no \"epoch\" entry: " + text);
        }
        model.resumeAtEpoch(Integer.parseInt(m.group(1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("BackupAndRestore: cannot restore from " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    try {
      Files.createDirectories(dir);
      model.saveWeights(weights());
      Path tmp = dir.resolve("training_metadata.json.tmp");
      Files.writeString(tmp, "{\"epoch\": " + (epoch + 1) + ", \"batch\": 0}", StandardCharsets.UTF_8);
      Files.move(tmp, metadata(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("BackupAndRestore: cannot back up to " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (!deleteCheckpoint || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("BackupAndRestore: cannot delete " + dir + ": " + e.getMessage(), e);
    }
  }
}
