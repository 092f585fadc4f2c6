package io.github.keras4j.saving;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataSpace;
import io.jhdf.storage.HdfBackingStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Variable-length string attributes of an HDF5 file's root group, written as the HDF5 library (h5py) writes them:
 * the attribute holds a 16-byte heap ID (length, global heap collection address, object index) and the string itself
 * lives in a global heap collection ({@code GCOL}) appended after everything jHDF writes. Keras stores
 * {@code model_config} and {@code training_config} this way, which is what lets it save configs larger than the
 * 64 KB an attribute message may hold (a ResNet50 config is about 100 KB); jHDF writes only fixed-length strings.
 *
 * <p>Layout (HDF5 file format specification, "Global Heap" and "Datatype Message", class 9): datatype = variable
 * length, type string, null-terminated padding, UTF-8, size 16, base type an unsigned 8-bit integer; dataspace
 * scalar; data = {@code uint32 length, uint64 collection address, uint32 index}. The collection is at least 4,096
 * bytes and ends with the free-space object (index 0), as the HDF5 library writes it.
 *
 * <p>How the address is known: jHDF builds the root group's object header last, after every child has been
 * written, and serialises each attribute's datatype just before its data; at that moment the end of the file is
 * where the collection will go, so {@link VlenString#toBuffer()} writes that address into the (already encoded) heap
 * IDs. {@link HdfWriter} then appends the collection there and checks that nothing else was written beyond it.
 * Only root-group attributes may be stored this way (a nested group's header is followed by its siblings).
 */
final class GlobalHeapStrings {
  private static final int MIN_COLLECTION_BYTES = 4096;
  private static final int OBJECT_HEADER_BYTES = 16;
  private static final int COLLECTION_HEADER_BYTES = 16;

  private final List<byte[]> objects = new ArrayList<>();
  private final List<ByteBuffer> heapIds = new ArrayList<>();
  private FileChannel channel;
  private long address = -1;

  /** Creates the attribute {@code name = value} of {@code root}, stored in this heap. */
  Attribute attribute(Node root, String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    objects.add(bytes);
    return new WriteOnlyAttribute(root, name, new VlenString(this, objects.size(), bytes.length),
        DataSpace.fromObject(value), value, String.class, new long[0], 1, 16);
  }

  /** Whether any string was registered. */
  boolean isEmpty() {
    return objects.isEmpty();
  }

  /** The channel whose size gives the collection's address while the root header is being serialised. */
  void bind(FileChannel fileChannel) {
    this.channel = fileChannel;
  }

  /** The address written into the heap IDs, or -1 if the root header was never serialised. */
  long address() {
    return address;
  }

  /** Writes the collection at {@link #address()} and returns the new end of file. */
  long writeCollection(FileChannel fc) throws IOException {
    long size = COLLECTION_HEADER_BYTES;
    for (byte[] o : objects) {
      size += OBJECT_HEADER_BYTES + pad8(o.length);
    }
    // Room for the free-space object, as the HDF5 library keeps it; at least the library's minimum collection size.
    long total = Math.max(MIN_COLLECTION_BYTES, size + OBJECT_HEADER_BYTES);
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(total)).order(ByteOrder.LITTLE_ENDIAN);
    b.put("GCOL".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put(new byte[3]).putLong(total);
    for (int i = 0; i < objects.size(); i++) {
      byte[] o = objects.get(i);
      b.putShort((short) (i + 1)).putShort((short) 0).putInt(0).putLong(o.length);
      b.put(o);
      b.position(b.position() + (pad8(o.length) - o.length));
    }
    // Free space: object 0, its size counting its own header.
    long free = total - b.position();
    b.putShort((short) 0).putShort((short) 0).putInt(0).putLong(free);
    b.rewind();
    long pos = address;
    while (b.hasRemaining()) {
      pos += fc.write(b, pos);
    }
    return address + total;
  }

  private static int pad8(int n) {
    return (n + 7) & ~7;
  }

  private void placeIds() {
    if (channel == null) {
      return; // a size-only pass before the writer bound the channel
    }
    try {
      address = channel.size();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the HDF5 file's size: " + e.getMessage(), e);
    }
    for (ByteBuffer id : heapIds) {
      id.putLong(4, address);
    }
  }

  /** The variable-length string datatype (class 9), serialised as the HDF5 library does. */
  private static final class VlenString extends DataType {
    private final GlobalHeapStrings heap;
    private final int index;
    private final int length;

    VlenString(GlobalHeapStrings heap, int index, int length) {
      super(9, 16);
      this.heap = heap;
      this.index = index;
      this.length = length;
    }

    @Override
    public ByteBuffer toBuffer() {
      heap.placeIds();
      ByteBuffer b = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
      b.put((byte) 0x19); // version 1, class 9 (variable length)
      b.put((byte) 0x01); // type 1 = string, padding 0 = null terminate
      b.put((byte) 0x01); // character set 1 = UTF-8
      b.put((byte) 0x00);
      b.putInt(16); // a heap ID: length + address + index
      // Base type: 8-bit unsigned little-endian integer (class 0, version 1), offset 0, precision 8.
      b.put((byte) 0x10).put((byte) 0).put((byte) 0).put((byte) 0).putInt(1).putShort((short) 0).putShort((short) 8);
      b.flip();
      return b;
    }

    @Override
    public ByteBuffer encodeData(Object data) {
      ByteBuffer id = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
      id.putInt(0, length).putLong(4, heap.address).putInt(12, index);
      heap.heapIds.add(id);
      return id;
    }

    @Override
    public Class<?> getJavaType() {
      return String.class;
    }

    @Override
    public Object fillData(ByteBuffer buffer, int[] dimensions, HdfBackingStorage storage) {
      throw new UnsupportedOperationException("write-only datatype");
    }
  }
}
