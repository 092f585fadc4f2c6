package io.github.keras4j.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.RewriterConfig;

/** The session options: the remapper (whose fused ReLU drops NaN) is off unless keras4j.fuseOps asks for it. */
class SessionConfigTest {
  private static Program.Spec spec() {
    return new Program.Spec(List.of(Shape.of(-1, 2)), null, List.of(), List.of(), null, null, null, 1);
  }

  @Test
  void theRemapperIsOffByDefaultAndOnWithFuseOps() {
    assertThat(Program.sessionConfig(spec()).getGraphOptions().getRewriteOptions().getRemapping())
        .isEqualTo(RewriterConfig.Toggle.OFF);
    String before = System.getProperty("keras4j.fuseOps");
    System.setProperty("keras4j.fuseOps", "true");
    try {
      assertThat(Program.sessionConfig(spec()).getGraphOptions().getRewriteOptions().getRemapping())
          .isEqualTo(RewriterConfig.Toggle.DEFAULT);
    } finally {
      if (before == null) {
        System.clearProperty("keras4j.fuseOps");
      } else {
        System.setProperty("keras4j.fuseOps", before);
      }
    }
  }

  /** A small model's ops run on one intra-op thread, in the calling thread (a negative inter-op count). */
  @Test
  void smallModelsRunInTheCallersThread() {
    assertThat(Program.sessionConfig(spec()).getIntraOpParallelismThreads()).isEqualTo(1);
    assertThat(Program.sessionConfig(spec()).getInterOpParallelismThreads()).isEqualTo(-1);
  }
}
