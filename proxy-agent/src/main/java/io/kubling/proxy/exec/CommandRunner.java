package io.kubling.proxy.exec;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the rule tools (iptables-restore, nft, conntrack), optionally inside a named network
 * namespace via {@code ip netns exec}, which is how tests keep every rule off the machine's own
 * namespace. The only place the proxy starts processes.
 */
public final class CommandRunner {
  private final List<String> prefix;

  private CommandRunner(List<String> prefix) {
    this.prefix = prefix;
  }

  /** Runs commands in this process's own network namespace (the node's, in production). */
  public static CommandRunner local() {
    return new CommandRunner(List.of());
  }

  /** Runs commands inside the named network namespace. */
  public static CommandRunner inNetns(String netns) {
    requireNonNull(netns, "netns should not be null");
    return new CommandRunner(List.of("ip", "netns", "exec", netns));
  }

  /** The result of a command that exited. */
  public record Result(int exitCode, String stdout, String stderr) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** Runs {@code command} with {@code stdin}; a non-zero exit is an IOException with stderr. */
  public String run(String stdin, String... command) throws IOException {
    Result r = tryRun(stdin, command);
    if (!r.ok()) {
      throw new IOException(String.join(" ", command) + " exited " + r.exitCode() + ": "
          + r.stderr().strip());
    }
    return r.stdout();
  }

  /** Runs {@code command} and returns how it ended, failure included. */
  public Result tryRun(String stdin, String... command) throws IOException {
    List<String> argv = new ArrayList<>(prefix);
    argv.addAll(List.of(command));
    Process p = new ProcessBuilder(argv).start();
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    try {
      int code = p.waitFor();
      return new Result(code, new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + argv, e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream s) {
    return CompletableFuture.supplyAsync(() -> {
      try (s; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
        s.transferTo(b);
        return b.toByteArray();
      } catch (IOException e) {
        return new byte[0];
      }
    });
  }
}
