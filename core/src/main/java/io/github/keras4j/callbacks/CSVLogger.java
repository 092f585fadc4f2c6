package io.github.keras4j.callbacks;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Streams each epoch's logs to a CSV file, as Keras's {@code CSVLogger}: a header {@code epoch,<sorted keys>}, then
 * one row per epoch with Python's number formatting. With {@code append}, an existing file is continued without a
 * second header.
 *
 * <pre>{@code
 * model.fit(x, y, new FitOptions().epochs(10).callbacks(new CSVLogger(Path.of("training.log"))));
 * }</pre>
 */
public final class CSVLogger implements Callback {
  private final Path file;
  private final String separator;
  private final boolean append;
  private BufferedWriter writer;
  private List<String> keys;

  /** Creates the logger with separator {@code ,}, overwriting the file. */
  public CSVLogger(Path file) {
    this(file, ",", false);
  }

  /** Creates the logger. */
  public CSVLogger(Path file, String separator, boolean append) {
    this.file = requireNonNull(file, "file");
    this.separator = requireNonNull(separator, "separator");
    this.append = append;
  }

  @Override
  public void onTrainBegin(Map<String, Double> logs) {
    try {
      boolean continuing = append && Files.exists(file) && Files.size(file) > 0;
      writer = continuing
          ? Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)
          : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      keys = null;
      if (continuing) {
        keys = List.of(); // the header is already there; take the keys from the first epoch without writing it
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    try {
      if (keys == null || keys.isEmpty()) {
        boolean header = keys == null;
        List<String> sorted = new ArrayList<>(logs.keySet());
        Collections.sort(sorted);
        keys = sorted;
        if (header) {
          writer.write("epoch" + separator + String.join(separator, keys));
          writer.write("\r\n");
        }
      }
      StringBuilder row = new StringBuilder().append(epoch);
      for (String k : keys) {
        Double v = logs.get(k);
        row.append(separator).append(v == null ? "NA" : Callbacks.pyFloat(v));
      }
      writer.write(row.append("\r\n").toString());
      writer.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("CSVLogger: cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new UncheckedIOException("CSVLogger: cannot close " + file + ": " + e.getMessage(), e);
      } finally {
        writer = null;
      }
    }
  }
}
