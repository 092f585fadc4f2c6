package io.github.keras4j.saving;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.DataSpace;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HDF5 through jHDF, made safe for untrusted files and for the Keras layout.
 *
 * <p>Reading: every jHDF call runs through {@link #guard}, which turns whatever jHDF throws on a malformed file
 * (runtime exceptions, and as a last line of defence an {@link OutOfMemoryError} from an absurd declared size or a
 * {@link StackOverflowError} from a cyclic structure) into a {@link KerasFileException} naming the file; sizes are
 * checked against what the caller expects before any data is read.
 *
 * <p>Writing works around jHDF's traps: empty attribute arrays (written as Keras does, float64 of shape (0,));
 * attributes over jHDF's per-attribute limit (name lists split as Keras splits them; large configs written as
 * variable-length strings in a global heap by {@link GlobalHeapStrings}).
 */
final class Hdf5 {
  /**
   * The largest attribute jHDF writes correctly (it silently corrupts files above about 59.5 KB); Keras's own limit
   * for one attribute is 64,512 bytes.
   */
  static final int MAX_ATTRIBUTE_BYTES = 56 * 1024;

  /** The most elements an attribute Keras4J reads may have (name lists). */
  private static final long MAX_ATTRIBUTE_ELEMENTS = 1_000_000;

  /** The most chunks {@code layer_names0}, {@code layer_names1}, … are followed. */
  private static final int MAX_ATTRIBUTE_CHUNKS = 10_000;

  private Hdf5() {}

  /** A read action on jHDF objects. */
  @FunctionalInterface
  interface Read<T> {
    T get();
  }

  /** Runs a jHDF read, turning any failure into a {@link KerasFileException} about {@code what}. */
  static <T> T guard(Path file, String what, Read<T> action) throws KerasFileException {
    try {
      return action.get();
    } catch (KerasFileRuntime e) {
      throw new KerasFileException(file, e.getMessage(), e.getCause());
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      throw new KerasFileException(
          file, "malformed HDF5 file: cannot read " + what + " (" + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + truncate(e.getMessage())) + ").", e);
    }
  }

  /** Carries a {@link KerasFileException} message through a {@link Read} lambda. */
  static final class KerasFileRuntime extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KerasFileRuntime(String message) {
      super(message);
    }
  }

  private static String truncate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }

  /** Opens an HDF5 file for reading, refusing a file shorter than its superblock's end-of-file address. */
  static HdfFile open(Path file) throws KerasFileException {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
      long size = channel.size();
      ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, SUPERBLOCK_PROBE));
      while (head.hasRemaining() && channel.read(head) > 0) {
        // fill
      }
      head.flip();
      checkNotTruncated(file, head, size);
    } catch (KerasFileException e) {
      throw e;
    } catch (java.io.IOException e) {
      throw new KerasFileException(file, "cannot read the file (" + e.getMessage() + ").", e);
    }
    return guard(file, "the file header (not an HDF5 file, or truncated)", () -> new HdfFile(file));
  }

  /** Opens in-memory HDF5 bytes (the weights inside a {@code .keras} archive). */
  static HdfFile open(ByteBuffer bytes, Path displayName) throws KerasFileException {
    checkNotTruncated(displayName, bytes.duplicate(), bytes.remaining());
    return guard(displayName, "the file header (not an HDF5 file, or truncated)", () -> HdfFile.fromByteBuffer(bytes));
  }

  /** How many leading bytes are searched for the superblock (user blocks of 0, 512, 1024, … bytes). */
  private static final int SUPERBLOCK_PROBE = 64 * 1024 + 128;

  private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

  /**
   * The HDF5 library's own "truncated file" check: the superblock records the end-of-file address, and a file
   * shorter than that has lost data. jHDF does not check it and reads past the end as zeros, so a truncated
   * weights file would load with garbage weights.
   */
  static void checkNotTruncated(Path file, ByteBuffer head, long fileSize) throws KerasFileException {
    head = head.slice().order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int offset = 0; offset + 64 <= head.limit(); offset = offset == 0 ? 512 : offset * 2) {
      boolean match = true;
      for (int i = 0; i < SIGNATURE.length && match; i++) {
        match = head.get(offset + i) == SIGNATURE[i];
      }
      if (!match) {
        continue;
      }
      int version = head.get(offset + 8) & 0xff;
      int sizeOfOffsets;
      int addresses;
      int eofIndex;
      if (version == 0 || version == 1) {
        sizeOfOffsets = head.get(offset + 13) & 0xff;
        addresses = offset + (version == 0 ? 24 : 28);
        eofIndex = 2; // base, free space, end of file, driver
      } else if (version == 2 || version == 3) {
        sizeOfOffsets = head.get(offset + 9) & 0xff;
        addresses = offset + 12;
        eofIndex = 2; // base, superblock extension, end of file, root
      } else {
        return; // jHDF reports the unknown version
      }
      if (sizeOfOffsets != 8 && sizeOfOffsets != 4) {
        return; // jHDF reports it
      }
      int at = addresses + eofIndex * sizeOfOffsets;
      if (at + sizeOfOffsets > head.limit()) {
        return;
      }
      long base = sizeOfOffsets == 8 ? head.getLong(addresses) : head.getInt(addresses) & 0xffffffffL;
      long eof = sizeOfOffsets == 8 ? head.getLong(at) : head.getInt(at) & 0xffffffffL;
      boolean undefined = sizeOfOffsets == 8 ? eof == -1L : eof == 0xffffffffL;
      if (!undefined && base >= 0 && eof > 0 && fileSize < eof) {
        throw new KerasFileException(file, "truncated HDF5 file: it is " + fileSize + " bytes long, but its"
            + " superblock says it ends at byte " + eof + " (an interrupted copy or download?).");
      }
      return;
    }
  }

  /** Refuses a contiguous dataset whose data would lie past the end of the file (jHDF reads zeros there). */
  private static void checkExtent(Dataset ds, String what) {
    if (ds instanceof io.jhdf.api.dataset.ContiguousDataset contiguous) {
      long address = contiguous.getDataAddress();
      if (address == -1L || ds.getSize() == 0) {
        return; // never written: the fill value, as h5py reads it
      }
      HdfFile hdf = ds.getHdfFile();
      long end = hdf.getUserBlockSize() + address + ds.getSizeInBytes();
      if (address < 0 || end < 0 || end > hdf.size()) {
        throw new KerasFileRuntime(what + ": the data of " + ds.getPath() + " lies past the end of the file (bytes "
            + address + " to " + end + " of " + hdf.size() + "); the file is truncated or corrupt.");
      }
    }
  }

  /** Returns the child node at a relative path, or {@code null} if absent. */
  static Node child(Path file, Group group, String path) throws KerasFileException {
    return guard(file, "'" + path + "' in " + group.getPath(), () -> {
      Group current = group;
      Node node = null;
      String[] parts = path.split("/");
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].isEmpty()) {
          continue;
        }
        node = current.getChildren().get(parts[i]);
        if (node == null) {
          return null;
        }
        if (i < parts.length - 1) {
          if (!(node instanceof Group g)) {
            return null;
          }
          current = g;
        }
      }
      return node;
    });
  }

  /** Returns the child group at a relative path, or {@code null} if absent. */
  static Group group(Path file, Group parent, String path) throws KerasFileException {
    return child(file, parent, path, Group.class, "a group", "a dataset");
  }

  /** Returns the child dataset at a relative path, or {@code null} if absent. */
  static Dataset dataset(Path file, Group parent, String path) throws KerasFileException {
    return child(file, parent, path, Dataset.class, "a dataset", "a group");
  }

  /** Returns the child of this type at a relative path, or {@code null} if absent; the other kind is an error. */
  private static <T extends Node> T child(Path file, Group parent, String path, Class<T> type, String expected,
      String other) throws KerasFileException {
    Node node = child(file, parent, path);
    if (node == null) {
      return null;
    }
    if (!type.isInstance(node)) {
      throw new KerasFileException(file, "'" + node.getPath() + "' should be " + expected + ", but it is " + other
          + ".");
    }
    return type.cast(node);
  }

  /** Returns the names of a group's children. */
  static List<String> childNames(Path file, Group group) throws KerasFileException {
    return guard(file, "the members of " + group.getPath(), () -> new ArrayList<>(group.getChildren().keySet()));
  }

  /** Returns whether a node has an attribute. */
  static boolean hasAttribute(Path file, Node node, String name) throws KerasFileException {
    return guard(file, "the attributes of " + node.getPath(), () -> node.getAttributes().containsKey(name));
  }

  /** Returns a scalar string attribute, or {@code null} if absent. */
  static String stringAttribute(Path file, Node node, String name) throws KerasFileException {
    return guard(file, "attribute '" + name + "' of " + node.getPath(), () -> {
      Attribute a = node.getAttributes().get(name);
      if (a == null) {
        return null;
      }
      checkAttributeSize(a, name, node);
      Object data = a.getData();
      if (data instanceof String s) {
        return s;
      }
      if (data instanceof String[] arr && arr.length == 1) {
        return arr[0];
      }
      if (data instanceof byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
      }
      throw new KerasFileRuntime("attribute '" + name + "' of " + node.getPath() + " should be a string, but it is "
          + describe(data) + ".");
    });
  }

  /**
   * Returns a list-of-strings attribute, reassembling Keras's chunks ({@code name0}, {@code name1}, …); an empty
   * attribute (Keras writes float64 of shape (0,)) gives an empty list; {@code null} if absent.
   */
  static List<String> stringListAttribute(Path file, Node node, String name) throws KerasFileException {
    return guard(file, "attribute '" + name + "' of " + node.getPath(), () -> {
      var attributes = node.getAttributes();
      if (attributes.containsKey(name)) {
        return strings(attributes.get(name), name, node);
      }
      if (!attributes.containsKey(name + "0")) {
        return null;
      }
      List<String> all = new ArrayList<>();
      for (int i = 0; attributes.containsKey(name + i); i++) {
        if (i >= MAX_ATTRIBUTE_CHUNKS) {
          throw new KerasFileRuntime("attribute '" + name + "' of " + node.getPath() + " has too many chunks.");
        }
        all.addAll(strings(attributes.get(name + i), name + i, node));
      }
      return all;
    });
  }

  private static List<String> strings(Attribute a, String name, Node node) {
    checkAttributeSize(a, name, node);
    if (a.isEmpty() || a.getSize() == 0) {
      return new ArrayList<>();
    }
    Object data = a.getData();
    if (data == null) {
      return new ArrayList<>();
    }
    if (data instanceof String s) {
      return new ArrayList<>(List.of(s));
    }
    if (data instanceof String[] arr) {
      List<String> out = new ArrayList<>(arr.length);
      for (String s : arr) {
        if (s == null) {
          throw new KerasFileRuntime("attribute '" + name + "' of " + node.getPath() + " holds a null string.");
        }
        out.add(s);
      }
      return out;
    }
    throw new KerasFileRuntime("attribute '" + name + "' of " + node.getPath()
        + " should be a list of strings, but it is " + describe(data) + ".");
  }

  private static void checkAttributeSize(Attribute a, String name, Node node) {
    long[] dims = a.getDimensionsAsLong();
    if (dims.length > 1) {
      throw new KerasFileRuntime("attribute '" + name + "' of " + node.getPath() + " should be 1-dimensional, but it"
          + " has shape " + Arrays.toString(dims) + ".");
    }
    long n = 1;
    for (long d : dims) {
      if (d < 0 || d > MAX_ATTRIBUTE_ELEMENTS) {
        throw new KerasFileRuntime("attribute '" + name + "' of " + node.getPath() + " declares an absurd size "
            + Arrays.toString(dims) + ".");
      }
      n *= d;
    }
    if (n * Math.max(1, a.getDataType().getSize()) > 256L << 20) {
      throw new KerasFileRuntime("attribute '" + name + "' of " + node.getPath() + " declares an absurd size "
          + Arrays.toString(dims) + ".");
    }
  }

  private static String describe(Object data) {
    if (data == null) {
      return "empty";
    }
    Class<?> c = data.getClass();
    return c.isArray() ? "an array of " + c.getComponentType().getSimpleName() : "a " + c.getSimpleName();
  }

  /**
   * Reads a numeric dataset as float32 values, checking first that its shape is {@code expected}, its type is
   * numeric and its size is sane.
   */
  static float[] readFloats(Path file, Dataset ds, long[] expected, String what) throws KerasFileException {
    return guard(file, what + " (" + ds.getPath() + ")", () -> {
      long[] dims = ds.getDimensionsAsLong();
      if (!Arrays.equals(dims, expected)) {
        throw new KerasFileRuntime(what + ": the saved value has shape " + shapeString(dims)
            + ", but the model expects shape " + shapeString(expected) + ".");
      }
      checkReadable(ds, what);
      checkExtent(ds, what);
      Object flat = ds.getDataFlat();
      return toFloats(flat, Math.toIntExact(ds.getSize()), what);
    });
  }

  /** Reads a dataset of any sane shape as float32 values (for inspecting files). */
  static float[] readAnyFloats(Path file, Dataset ds, String what) throws KerasFileException {
    return guard(file, what + " (" + ds.getPath() + ")", () -> {
      checkReadable(ds, what);
      checkExtent(ds, what);
      return toFloats(ds.getDataFlat(), Math.toIntExact(ds.getSize()), what);
    });
  }

  /** Returns a dataset's shape. */
  static long[] shape(Path file, Dataset ds) throws KerasFileException {
    return guard(file, "the shape of " + ds.getPath(), ds::getDimensionsAsLong);
  }

  private static void checkReadable(Dataset ds, String what) {
    Class<?> type = ds.getJavaType();
    if (!(type == float.class || type == double.class || type == int.class || type == long.class
        || type == short.class || type == byte.class || type == Float.class || type == Double.class
        || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class)) {
      throw new KerasFileRuntime(what + ": the saved value has type " + type.getSimpleName()
          + ", but a number array is expected.");
    }
    long size = ds.getSize();
    long bytes = size * Math.max(1, ds.getDataType().getSize());
    long budget = Runtime.getRuntime().maxMemory() / 3;
    if (size < 0 || size > Integer.MAX_VALUE - 16 || bytes > budget) {
      throw new KerasFileRuntime(what + ": the saved value declares " + size + " elements, too many to load.");
    }
    if (ds instanceof ChunkedDataset chunked) {
      long chunk = 1;
      for (int d : chunked.getChunkDimensions()) {
        if (d <= 0) {
          throw new KerasFileRuntime(what + ": invalid chunk dimensions.");
        }
        chunk *= d;
      }
      if (chunk * Math.max(1, ds.getDataType().getSize()) > Math.min(budget, 1L << 30)) {
        throw new KerasFileRuntime(what + ": the saved value declares absurd chunks.");
      }
    }
  }

  private static float[] toFloats(Object flat, int size, String what) {
    if (flat == null) {
      flat = new float[0];
    }
    int n = Array.getLength(flat);
    if (n != size) {
      throw new KerasFileRuntime(what + ": read " + n + " values, but the dataset declares " + size + ".");
    }
    if (flat instanceof float[] f) {
      return f;
    }
    float[] out = new float[n];
    if (flat instanceof double[] d) {
      for (int i = 0; i < n; i++) {
        out[i] = (float) d[i];
      }
    } else if (flat instanceof long[] l) {
      for (int i = 0; i < n; i++) {
        out[i] = l[i];
      }
    } else if (flat instanceof int[] v) {
      for (int i = 0; i < n; i++) {
        out[i] = v[i];
      }
    } else if (flat instanceof short[] v) {
      for (int i = 0; i < n; i++) {
        out[i] = v[i];
      }
    } else if (flat instanceof byte[] v) {
      for (int i = 0; i < n; i++) {
        out[i] = v[i];
      }
    } else {
      throw new KerasFileRuntime(what + ": the saved value is not numeric.");
    }
    return out;
  }

  static String shapeString(long[] dims) {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      b.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return b.append(')').toString();
  }

  // ================================================================ writing

  /** Writes a list of strings as Keras does: one fixed-length string array, split into chunks when large. */
  static void putStrings(WritableNode node, String name, List<String> values) {
    if (values.isEmpty()) {
      putEmpty(node, name);
      return;
    }
    int width = 1;
    for (String s : values) {
      width = Math.max(width, s.getBytes(StandardCharsets.UTF_8).length + 1);
    }
    if ((long) width > MAX_ATTRIBUTE_BYTES) {
      throw new IllegalArgumentException("'" + values.get(0) + "…' is too long to store as an HDF5 attribute.");
    }
    // As Keras's save_attributes_to_hdf5_group: numpy.array_split into the fewest chunks under the limit.
    int chunks = 1;
    while (maxChunkBytes(values.size(), chunks, width) > MAX_ATTRIBUTE_BYTES) {
      chunks++;
    }
    if (chunks == 1) {
      node.putAttribute(name, values.toArray(String[]::new));
      return;
    }
    int n = values.size();
    int start = 0;
    for (int c = 0; c < chunks; c++) {
      int size = n / chunks + (c < n % chunks ? 1 : 0);
      node.putAttribute(name + c, values.subList(start, start + size).toArray(String[]::new));
      start += size;
    }
  }

  private static long maxChunkBytes(int n, int chunks, int width) {
    return (long) (n / chunks + (n % chunks == 0 ? 0 : 1)) * width;
  }

  /**
   * Writes a root string attribute such as {@code model_config}: as a fixed-length string when jHDF can store it,
   * otherwise as a variable-length string in a global heap (how Keras/h5py store it), which has no size limit.
   */
  static void putConfig(HdfWriter writer, String name, String value) {
    if (value.getBytes(StandardCharsets.UTF_8).length + 1 <= MAX_ATTRIBUTE_BYTES) {
      writer.root().putAttribute(name, value);
    } else {
      writer.putRootString(name, value);
    }
  }

  /** The longest group or dataset name jHDF writes correctly (longer link names corrupt the file). */
  static final int MAX_NAME_BYTES = 254;

  /** Checks that jHDF can write a group or dataset name. */
  static String checkName(String name) {
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) {
      throw new Unwritable("the name '" + name.substring(0, 40) + "…' is " + bytes + " bytes; the HDF5 writer"
          + " (jHDF) stores names of at most " + MAX_NAME_BYTES + " bytes. Give the layer a shorter name.");
    }
    return name;
  }

  /** Thrown before writing when something is larger than jHDF can store. */
  static final class Unwritable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unwritable(String message) {
      super(message);
    }
  }

  /** Writes an empty attribute array as Keras does for layers without weights: float64 of shape (0,). */
  static void putEmpty(WritableNode node, String name) {
    DataType float64 =
        new FloatingPoint(FloatingPoint.DOUBLE.toBuffer()) {
          @Override
          public ByteBuffer encodeData(Object data) {
            return ByteBuffer.allocate(0);
          }
        };
    DataSpace empty = DataSpace.modifyDimensions(DataSpace.fromObject(new double[1]), new long[] {0});
    node.getAttributes().put(name,
        new WriteOnlyAttribute(node, name, float64, empty, new double[0], double.class, new long[] {0}, 0, 0));
  }

  /** Writes a float32 dataset of any rank (scalars included) from row-major values. */
  static void putFloats(WritableGroup group, String name, float[] flat, long[] shape) {
    checkName(name);
    if (shape.length == 0) {
      group.putDataset(name, flat[0]);
      return;
    }
    int[] dims = new int[shape.length];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = Math.toIntExact(shape[i]);
    }
    if (dims.length == 1) {
      group.putDataset(name, flat);
      return;
    }
    Object nested = Array.newInstance(float.class, dims);
    fill(nested, flat, 0, dims, 0);
    group.putDataset(name, nested);
  }

  private static int fill(Object array, float[] flat, int offset, int[] dims, int axis) {
    if (axis == dims.length - 1) {
      float[] row = (float[]) array;
      System.arraycopy(flat, offset, row, 0, row.length);
      return offset + row.length;
    }
    for (int i = 0; i < dims[axis]; i++) {
      offset = fill(Array.get(array, i), flat, offset, dims, axis + 1);
    }
    return offset;
  }

  /** Returns the parent group of a slash path, creating groups as needed; the last segment is the dataset name. */
  static WritableGroup parentOf(WritableGroup root, String path, java.util.Map<String, WritableGroup> made) {
    int slash = path.lastIndexOf('/');
    if (slash < 0) {
      return root;
    }
    String dir = path.substring(0, slash);
    WritableGroup existing = made.get(dir);
    if (existing != null) {
      return existing;
    }
    WritableGroup parent = parentOf(root, dir, made);
    WritableGroup g = parent.putGroup(checkName(dir.substring(dir.lastIndexOf('/') + 1)));
    made.put(dir, g);
    return g;
  }
}
