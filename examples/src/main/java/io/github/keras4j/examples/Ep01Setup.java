package io.github.keras4j.examples;

import static org.tensorflow.internal.c_api.global.tensorflow.TFE_ContextListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_DeleteContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContext;
import static org.tensorflow.internal.c_api.global.tensorflow.TFE_NewContextOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListMemoryBytes;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewStatus;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_OK;

import io.github.keras4j.Keras;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tensorflow.TensorFlow;
import org.tensorflow.internal.c_api.TFE_Context;
import org.tensorflow.internal.c_api.TFE_ContextOptions;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Status;

/**
 * Episode 1 — setup: the Java counterpart of the course's first cell ({@code tf.__version__},
 * {@code tf.config.experimental.list_physical_devices('GPU')}, memory growth). Prints the Keras4J and TensorFlow
 * versions and the devices TensorFlow sees, and, without a GPU, how to switch to TensorFlow's GPU natives.
 *
 * <p>TensorFlow Java has no public call that lists devices, so this example asks the native library through
 * TensorFlow Java's internal C API bindings ({@code TFE_ContextListDevices}), as {@code list_physical_devices} does.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java -Depisode=Ep01Setup
 * </pre>
 */
public final class Ep01Setup {
  private Ep01Setup() {}

  /** One device TensorFlow can place operations on. */
  record Device(String name, String type, long memoryBytes) {}

  /** Runs the episode. */
  public static void main(String[] args) {
    System.out.println("Keras4J version: " + Keras.VERSION);
    System.out.println("TensorFlow version: " + TensorFlow.version() + " (TensorFlow Java 1.1.0)");
    System.out.println("Java: " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch"));
    List<Device> devices = devices();
    System.out.println("Devices TensorFlow sees:");
    for (Device d : devices) {
      System.out.printf(Locale.ROOT, "  %-40s %-4s %s%n", d.name(), d.type(),
          d.type().equals("GPU") && d.memoryBytes() > 0
              ? String.format(Locale.ROOT, "%.1f GiB", d.memoryBytes() / 1073741824.0) : "");
    }
    long gpus = devices.stream().filter(d -> d.type().equals("GPU")).count();
    System.out.println("Num GPUs Available: " + gpus);
    if (gpus > 0) {
      System.out.println("TensorFlow places operations on the GPU by default; it grows GPU memory as needed when"
          + " TF_FORCE_GPU_ALLOW_GROWTH=true is set (the course's set_memory_growth).");
      return;
    }
    System.out.println();
    System.out.println("Training runs on the CPU. To use an NVIDIA GPU (Linux x86-64, CUDA 12), replace TensorFlow's"
        + " CPU natives with the GPU build in your pom.xml:");
    System.out.println(GPU_SNIPPET);
  }

  /** The Maven change that switches to TensorFlow's GPU natives. */
  static final String GPU_SNIPPET =
      """
        <dependency>
          <groupId>io.github.keras4j</groupId>
          <artifactId>keras4j-core</artifactId>
          <version>%s</version>
          <exclusions>  <!-- the CPU natives of every platform -->
            <exclusion>
              <groupId>org.tensorflow</groupId>
              <artifactId>tensorflow-core-platform</artifactId>
            </exclusion>
          </exclusions>
        </dependency>
        <dependency>
          <groupId>org.tensorflow</groupId>
          <artifactId>tensorflow-core-api</artifactId>
          <version>1.1.0</version>
        </dependency>
        <dependency>
          <groupId>org.tensorflow</groupId>
          <artifactId>tensorflow-core-native</artifactId>
          <version>1.1.0</version>
          <classifier>linux-x86_64-gpu</classifier>
        </dependency>"""
          .formatted(Keras.VERSION);

  /** Lists the devices of an eager context, as {@code tf.config.list_physical_devices()}. */
  static List<Device> devices() {
    TensorFlow.version(); // loads the native library
    TF_Status status = TF_NewStatus();
    TFE_ContextOptions options = TFE_NewContextOptions();
    TFE_Context context = null;
    TF_DeviceList list = null;
    try {
      context = TFE_NewContext(options, status);
      check(status);
      list = TFE_ContextListDevices(context, status);
      check(status);
      List<Device> devices = new ArrayList<>();
      for (int i = 0, n = TF_DeviceListCount(list); i < n; i++) {
        String name = TF_DeviceListName(list, i, status).getString();
        String type = TF_DeviceListType(list, i, status).getString();
        long memory = TF_DeviceListMemoryBytes(list, i, status);
        check(status);
        devices.add(new Device(name, type, memory));
      }
      return devices;
    } finally {
      if (list != null) {
        TF_DeleteDeviceList(list);
      }
      if (context != null) {
        TFE_DeleteContext(context);
      }
      TFE_DeleteContextOptions(options);
      TF_DeleteStatus(status);
    }
  }

  private static void check(TF_Status status) {
    if (TF_GetCode(status) != TF_OK) {
      throw new IllegalStateException("TensorFlow could not list its devices: " + TF_Message(status).getString());
    }
  }
}
