package io.github.keras4j.layers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a check in a separate JVM, for checks that may abort the process in native code (a TensorFlow kernel that
 * calls {@code abort()} would otherwise take the whole test fork down and hide every other result).
 */
final class ChildJvm {
  /** The exit status and everything the child printed. */
  record Result(int exitCode, String output) {}

  private ChildJvm() {}

  /** Runs {@code main} with {@code args} on this JVM's class path and waits up to two minutes. */
  static Result run(Class<?> main, String... args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    Process process = builder.start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Result(-1, new String(output, StandardCharsets.UTF_8) + "\n<timed out>");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
