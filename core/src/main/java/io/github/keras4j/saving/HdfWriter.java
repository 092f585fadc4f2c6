package io.github.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes an HDF5 file with jHDF 0.13, working around a bug in its final flush: after writing the tree, jHDF appends
 * an informational string at the channel's <em>sequential</em> position (the end of the last dataset's data), which
 * overwrites the headers of groups written after the last dataset (e.g. Keras's empty {@code vars} group, or a
 * layer without weights listed last) and leaves a corrupt file. This writer performs the same flush without that
 * string, then reads the file back to check that every group and dataset header parses.
 */
final class HdfWriter implements AutoCloseable {
  private final Path path;
  private final Path displayPath;
  private final WritableHdfFile file;
  private final GlobalHeapStrings heap = new GlobalHeapStrings();
  private boolean closed;

  /** Starts writing {@code path}; errors name {@code displayPath} (the file the user asked for). */
  HdfWriter(Path path, Path displayPath) {
    this.path = path;
    this.displayPath = displayPath;
    this.file = HdfFile.write(path);
    file.removeAttribute("_jHDF");
  }

  /** Returns the root group to fill. */
  WritableGroup root() {
    return file;
  }

  /**
   * Puts a string attribute on the root group as a variable-length string in a global heap, as h5py stores Keras's
   * {@code model_config}; unlike jHDF's fixed-length strings it has no 64 KB limit.
   */
  void putRootString(String name, String value) {
    file.getAttributes().put(name, heap.attribute(file, name, value));
  }

  /** Writes the file to disk and checks it reads back. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    if (!flushWithoutInfo()) {
      file.close();
    }
    verify(path, displayPath);
  }

  private boolean flushWithoutInfo() throws IOException {
    WritableGroup rootGroup;
    HdfFileChannel channel;
    Object superblock;
    FileChannel fileChannel;
    try {
      rootGroup = (WritableGroup) field("rootGroup").get(file);
      channel = (HdfFileChannel) field("hdfFileChannel").get(file);
      superblock = field("superblock").get(file);
      fileChannel = (FileChannel) field("fileChannel").get(file);
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (!heap.isEmpty()) {
        throw new KerasFileException(displayPath, "cannot write variable-length string attributes with this jHDF"
            + " version (" + e + "); nothing was saved.", e);
      }
      return false; // another jHDF version: use its own flush, and rely on the verification below
    }
    try (fileChannel) {
      heap.bind(fileChannel);
      long end = rootGroup.write(channel, WritableHdfFile.ROOT_GROUP_ADDRESS);
      long endOfFile = Math.max(end, fileChannel.size());
      if (!heap.isEmpty()) {
        if (heap.address() != endOfFile) {
          throw new KerasFileException(displayPath, "cannot place the global heap of the variable-length string"
              + " attributes (at " + heap.address() + ", file ends at " + endOfFile + "); nothing was saved.");
        }
        endOfFile = heap.writeCollection(fileChannel);
      }
      var toBuffer = superblock.getClass().getMethod("toBuffer", long.class);
      toBuffer.setAccessible(true);
      channel.write((ByteBuffer) toBuffer.invoke(superblock, endOfFile), 0L);
    } catch (ReflectiveOperationException e) {
      throw new KerasFileException(displayPath, "cannot finish the HDF5 file: " + e, e);
    }
    return true;
  }

  private static Field field(String name) throws NoSuchFieldException {
    Field f = WritableHdfFile.class.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  /** Reads back every group and dataset header of a freshly written file. */
  private static void verify(Path path, Path displayPath) throws KerasFileException {
    try (HdfFile h = new HdfFile(path)) {
      walk(h);
    } catch (RuntimeException e) {
      throw new KerasFileException(displayPath, "the HDF5 writer (jHDF) produced a file that does not read back ("
          + e.getMessage() + "), typically because one group holds too many or too long member names; nothing"
          + " was saved.", e);
    }
  }

  private static void walk(Group group) {
    group.getAttributes();
    for (Node child : group.getChildren().values()) {
      if (child instanceof Group g) {
        walk(g);
      } else if (child instanceof Dataset d) {
        d.getDimensions();
        d.getDataType();
        d.getAttributes();
      }
    }
  }
}
