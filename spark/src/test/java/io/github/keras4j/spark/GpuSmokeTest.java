package io.github.keras4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Runs a matrix product pinned to {@code GPU:0} without soft placement, so it fails unless TensorFlow's GPU natives
 * (the {@code gpu} Maven profile) and a GPU are both present. Skips on machines without an NVIDIA device.
 */
class GpuSmokeTest {
  @Test
  void runsAnOpOnTheGpuWhenOneIsPresent() {
    assumeTrue(Files.exists(Path.of("/dev/nvidia0")), "no NVIDIA GPU on this machine");
    assumeTrue(Boolean.getBoolean("keras4j.gpu"), "TensorFlow's GPU natives are not selected (run with -Pgpu)");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU)
          .deviceIndex(0).build());
      var a = tf.constant(new float[][] {{1, 2}, {3, 4}});
      var product = tf.linalg.matMul(a, a);
      ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
      try (Session s = new Session(g, config);
          TFloat32 result = (TFloat32) s.runner().fetch(product).run().get(0)) {
        assertThat(result.getFloat(1, 1)).isEqualTo(22f);
      }
    }
  }
}
