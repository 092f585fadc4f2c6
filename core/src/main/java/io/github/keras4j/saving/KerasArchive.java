package io.github.keras4j.saving;

import io.github.keras4j.models.Model;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The Keras 3 {@code .keras} archive: a zip of {@code metadata.json}, {@code config.json} (the model config with
 * {@code compile_config}) and {@code model.weights.h5}, all stored uncompressed as Keras writes them. Reading
 * trusts no size in the archive: entry names are checked ({@code ../}, absolute paths), and every entry is read
 * with a cap derived from the archive's own size.
 */
final class KerasArchive {
  static final String CONFIG = "config.json";
  static final String METADATA = "metadata.json";
  static final String WEIGHTS = "model.weights.h5";

  private static final int MAX_ENTRIES = 10_000;
  private static final int MAX_JSON_BYTES = KerasJson.MAX_CHARS;

  private KerasArchive() {}

  // ================================================================ writing

  /** Writes the archive into {@code temp} (the atomic writer moves it into place). */
  static void write(Model model, Path temp, Path displayPath) throws IOException {
    Map<String, Object> config = ModelConfigWriter.keras3(model);
    Map<String, Object> compile = TrainingConfigs.keras3(model);
    if (compile != null) {
      config.put("compile_config", compile);
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("keras_version", ModelConfigWriter.KERAS3_VERSION);
    metadata.put("date_saved", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss")));
    Path weights = AtomicFiles.createTemp(displayPath, "weights");
    try {
      writeWeights(model, weights, displayPath, true);
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(temp))) {
        putStored(zip, METADATA, KerasJson.write(metadata).getBytes(StandardCharsets.UTF_8));
        putStored(zip, CONFIG, KerasJson.write(config).getBytes(StandardCharsets.UTF_8));
        putStored(zip, WEIGHTS, weights);
      }
    } finally {
      Files.deleteIfExists(weights);
    }
  }

  /** Writes the Keras 3 weights file ({@code model.weights.h5}, or a {@code *.weights.h5} of saveWeights). */
  static void writeWeights(Model model, Path file, Path displayPath, boolean includeOptimizer)
      throws IOException {
    try (HdfWriter writer = new HdfWriter(file, displayPath)) {
      WeightLayouts.writeKeras3(writer.root(), model, includeOptimizer);
    } catch (Hdf5.Unwritable e) {
      throw new KerasFileException(displayPath, "cannot save the weights of model '" + model.name() + "': "
          + e.getMessage());
    } catch (io.jhdf.exceptions.HdfException e) {
      throw new KerasFileException(file, "cannot write HDF5: " + e.getMessage(), e);
    }
  }

  private static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    zip.write(bytes);
    zip.closeEntry();
  }

  private static void putStored(ZipOutputStream zip, String name, Path file) throws IOException {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[1 << 16];
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        crc.update(buffer, 0, n);
        size += n;
      }
    }
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(size);
    entry.setCompressedSize(size);
    entry.setCrc(crc.getValue());
    zip.putNextEntry(entry);
    try (InputStream in = Files.newInputStream(file)) {
      in.transferTo(zip);
    }
    zip.closeEntry();
  }

  // ================================================================ reading

  /** Returns whether a file starts with the zip signature. */
  static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(4);
      return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }
  }

  /** An opened archive: its config, and its weights file (parsed on first use). */
  static final class Opened implements AutoCloseable {
    final Map<String, Object> config;
    final Path weightsName;
    private final byte[] weightBytes;
    private final Path tempFile;
    private HdfFile weights;

    Opened(Map<String, Object> config, Path weightsName, byte[] weightBytes, Path tempFile) {
      this.config = config;
      this.weightsName = weightsName;
      this.weightBytes = weightBytes;
      this.tempFile = tempFile;
    }

    /** Returns the parsed {@code model.weights.h5}. */
    HdfFile weights() throws KerasFileException {
      if (weights == null) {
        weights = tempFile != null ? Hdf5.open(tempFile) : Hdf5.open(ByteBuffer.wrap(weightBytes), weightsName);
      }
      return weights;
    }

    @Override
    public void close() throws IOException {
      try {
        if (weights != null) {
          weights.close();
        }
      } catch (RuntimeException e) {
        // closing a malformed file may fail; nothing to release then
      } finally {
        if (tempFile != null) {
          Files.deleteIfExists(tempFile);
        }
      }
    }
  }

  /** Opens an archive: checks its entries, reads its config (if asked) and the bytes of its weights. */
  static Opened open(Path file, boolean needConfig) throws IOException {
    long archiveSize = Files.size(file);
    long cap = archiveSize * 4 + (64L << 20);
    try (ZipFile zip = new ZipFile(file.toFile())) {
      ZipEntry configEntry = null;
      ZipEntry weightsEntry = null;
      int count = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        if (++count > MAX_ENTRIES) {
          throw new KerasFileException(file, "the archive has more than " + MAX_ENTRIES + " entries.");
        }
        String name = e.getName();
        checkEntryName(file, name);
        name = normalizedEntryName(name); // archives zipped on Windows: .\config.json
        if (name.equals(CONFIG)) {
          configEntry = e;
        } else if (name.equals(WEIGHTS)) {
          weightsEntry = e;
        }
      }
      Map<String, Object> config = null;
      if (needConfig) {
        if (configEntry == null) {
          throw new KerasFileException(file, "no config.json in the archive; this is not a Keras 3 .keras file.");
        }
        String json = new String(read(zip, configEntry, Math.min(cap, MAX_JSON_BYTES), file), StandardCharsets.UTF_8);
        try {
          config = ModelConfigs.map(KerasJson.parse(json), "config.json");
        } catch (IllegalArgumentException e) {
          throw new KerasFileException(file, "config.json: " + e.getMessage(), e);
        }
      }
      if (weightsEntry == null) {
        throw new KerasFileException(file, "no model.weights.h5 in the archive.");
      }
      Path weightsName = Path.of(file + "!/" + WEIGHTS);
      long inMemory = Math.min(Integer.MAX_VALUE - 64L, Runtime.getRuntime().maxMemory() / 4);
      if (weightsEntry.getSize() >= 0 && weightsEntry.getSize() <= inMemory) {
        return new Opened(config, weightsName, read(zip, weightsEntry, Math.min(cap, inMemory), file), null);
      }
      Path temp = Files.createTempFile("keras4j-", ".weights.h5");
      try {
        copy(zip, weightsEntry, temp, cap, file);
        return new Opened(config, weightsName, null, temp);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temp);
        throw e;
      }
    } catch (KerasFileException e) {
      throw e;
    } catch (IOException e) {
      throw new KerasFileException(file, "not a valid zip archive (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ").", e);
    }
  }

  /** An entry name with {@code \\} read as {@code /} and a leading {@code ./} removed. */
  static String normalizedEntryName(String name) {
    String n = name.replace('\\', '/');
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }

  private static void checkEntryName(Path file, String name) throws KerasFileException {
    String n = name.replace('\\', '/');
    boolean unsafe = n.startsWith("/") || n.contains(":") || n.indexOf('\0') >= 0;
    for (String part : n.split("/")) {
      unsafe |= part.equals("..");
    }
    if (unsafe) {
      throw new KerasFileException(file, "unsafe entry name '" + name + "' in the archive.");
    }
  }

  private static byte[] read(ZipFile zip, ZipEntry e, long cap, Path file) throws IOException {
    if (e.getSize() > cap) {
      throw new KerasFileException(file, "entry '" + e.getName() + "' declares " + e.getSize()
          + " bytes, more than this archive can hold.");
    }
    try (InputStream in = zip.getInputStream(e)) {
      byte[] bytes = in.readNBytes((int) Math.min(cap + 1, Integer.MAX_VALUE - 64L));
      if (bytes.length > cap) {
        throw new KerasFileException(file, "entry '" + e.getName() + "' expands beyond " + cap + " bytes.");
      }
      if (e.getSize() >= 0 && bytes.length != e.getSize()) {
        throw new KerasFileException(file, "entry '" + e.getName() + "' holds " + bytes.length
            + " bytes, but declares " + e.getSize() + ".");
      }
      CRC32 crc = new CRC32();
      crc.update(bytes);
      checkCrc(file, e, crc.getValue());
      return bytes;
    } catch (ZipException | java.io.EOFException ex) {
      throw new KerasFileException(file, "entry '" + e.getName() + "' is corrupt (" + ex.getMessage() + ").", ex);
    }
  }

  private static void copy(ZipFile zip, ZipEntry e, Path target, long cap, Path file) throws IOException {
    if (e.getSize() > cap) {
      throw new KerasFileException(file, "entry '" + e.getName() + "' declares " + e.getSize()
          + " bytes, more than this archive can hold.");
    }
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    CRC32 crc = new CRC32();
    try (InputStream in = zip.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        total += n;
        if (total > cap) {
          throw new KerasFileException(file, "entry '" + e.getName() + "' expands beyond " + cap + " bytes.");
        }
        out.write(buffer, 0, n);
        crc.update(buffer, 0, n);
      }
      if (e.getSize() >= 0 && total != e.getSize()) {
        throw new KerasFileException(file, "entry '" + e.getName() + "' holds " + total
            + " bytes, but declares " + e.getSize() + ".");
      }
      checkCrc(file, e, crc.getValue());
    } catch (ZipException | java.io.EOFException ex) {
      throw new KerasFileException(file, "entry '" + e.getName() + "' is corrupt (" + ex.getMessage() + ").", ex);
    }
  }

  /**
   * Compares an entry's CRC-32 with the one the archive records, as Python's {@code zipfile} does ("Bad CRC-32"):
   * Java's {@code ZipFile} does not check it, so a flipped byte in the weights would load silently.
   */
  private static void checkCrc(Path file, ZipEntry e, long actual) throws KerasFileException {
    if (e.getCrc() != -1 && e.getCrc() != actual) {
      throw new KerasFileException(file, "entry '" + e.getName() + "' is corrupt: Bad CRC-32 (the archive records "
          + String.format("%08x", e.getCrc()) + ", the data has " + String.format("%08x", actual) + ").");
    }
  }

  /** Returns the {@code optimizer/vars} group of a Keras 3 weights file, or {@code null}. */
  static Group optimizerVars(Path file, HdfFile weights) throws KerasFileException {
    return Hdf5.group(file, weights, "optimizer/vars");
  }
}
