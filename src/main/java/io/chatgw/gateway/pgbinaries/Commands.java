package io.chatgw.gateway.pgbinaries;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command to its end and answers its output (standard error merged in), or throws with
 * that output when it fails. Blocking: start-up and test code only, never an event loop.
 */
public final class Commands {

  private static final long TIMEOUT_SECONDS = 120;

  private Commands() {}

  public static String run(List<String> command) {
    return run(command, "");
  }

  /** Runs {@code command} with {@code stdin} as its standard input. */
  public static String run(List<String> command, String stdin) {
    Result result = attempt(command, stdin);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("command failed (exit " + result.exitCode() + "): "
          + String.join(" ", command) + "\n" + result.output());
    }
    return result.output();
  }

  /** Runs {@code command} and answers its exit code and output, failing only when it cannot run. */
  public static Result attempt(List<String> command, String stdin) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("command did not end within " + TIMEOUT_SECONDS + " s: "
            + String.join(" ", command));
      }
      return new Result(process.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }

  /** What a command that ran answered. */
  public record Result(int exitCode, String output) {}
}
