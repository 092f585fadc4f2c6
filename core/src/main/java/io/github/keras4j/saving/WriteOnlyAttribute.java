package io.github.keras4j.saving;

import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.message.DataSpace;
import java.nio.ByteBuffer;

/**
 * An attribute jhdf's writer stores as given: its type, space, value and sizes, for the attributes jhdf cannot make
 * itself (a variable-length string in our global heap, an empty float64 array). Scalar when {@code dims} is empty,
 * empty when {@code size} is 0; its raw bytes are not readable (an empty one's are empty).
 */
record WriteOnlyAttribute(Node node, String name, DataType type, DataSpace space, Object data, Class<?> javaType,
    long[] dims, long size, long sizeInBytes) implements Attribute {
  @Override
  public Node getNode() {
    return node;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public long getSize() {
    return size;
  }

  @Override
  public long getSizeInBytes() {
    return sizeInBytes;
  }

  @Override
  public int[] getDimensions() {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = Math.toIntExact(dims[i]);
    }
    return out;
  }

  @Override
  public long[] getDimensionsAsLong() {
    return dims.clone();
  }

  @Override
  public Object getData() {
    return data;
  }

  @Override
  public Class<?> getJavaType() {
    return javaType;
  }

  @Override
  public boolean isScalar() {
    return dims.length == 0;
  }

  @Override
  public boolean isEmpty() {
    return size == 0;
  }

  @Override
  public ByteBuffer getBuffer() {
    if (size == 0) {
      return ByteBuffer.allocate(0);
    }
    throw new UnsupportedOperationException("write-only attribute");
  }

  @Override
  public DataSpace getDataSpace() {
    return space;
  }

  @Override
  public DataType getDataType() {
    return type;
  }
}
