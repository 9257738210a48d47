package io.kubling.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code kubling …} as a child JVM on the test classpath, so that its shutdown hook runs
 * for real on SIGTERM. Its stdout and stderr go to files in {@code workDir}.
 * {@link #close()} ends it and every process it started that is still there, by PID.
 */
final class KublingProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final Set<Long> descendants = new HashSet<>();

  private KublingProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static KublingProcess start(Path workDir, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    try {
      // Files, not pipes: the JDK drains and closes a pipe when the process exits, and
      // what a shutdown hook prints last could be lost that way.
      Path stdout = Files.createTempFile(workDir, "kubling-", ".out");
      Path stderr = Files.createTempFile(workDir, "kubling-", ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
          .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      // The child must not take its flags from whatever KUBLING_* the test runner has set.
      pb.environment().keySet().removeIf(k -> k.startsWith(EnvDefaults.PREFIX));
      pb.environment().putAll(env);
      return new KublingProcess(pb.start(), stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  Process process() {
    return process;
  }

  /** The complete lines printed so far. */
  List<String> lines() {
    String text = read(stdout);
    int end = text.lastIndexOf('\n');
    return end < 0 ? List.of() : text.substring(0, end).lines().toList();
  }

  /** Waits for a stdout line that matches, failing with what the process said if it exits. */
  String awaitLine(Predicate<String> match, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(100))
        .failFast("kubling exited: " + this, () -> !process.isAlive()
            && lines().stream().noneMatch(match))
        .until(() -> lines().stream().anyMatch(match));
    return lines().stream().filter(match).findFirst().orElseThrow();
  }

  /** Child processes now running: only ones this process started. Remembered for close(). */
  List<ProcessHandle> children() {
    List<ProcessHandle> now = process.descendants().toList();
    synchronized (descendants) {
      now.forEach(h -> descendants.add(h.pid()));
    }
    return now;
  }

  /** Waits for the process to exit by itself; returns the exit code. */
  int awaitExit(Duration atMost) throws InterruptedException {
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("kubling did not exit within " + atMost + ": " + this);
    }
    return process.exitValue();
  }

  /** SIGTERM, as Ctrl-C would; returns the exit code. */
  int terminate(Duration atMost) throws InterruptedException {
    children();
    process.destroy();
    if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("kubling did not exit within " + atMost + " of SIGTERM: " + this);
    }
    return process.exitValue();
  }

  String stderr() {
    return read(stderr);
  }

  /** The failure, with the last lines the process printed on stdout and stderr. */
  AssertionError failure(Throwable cause) {
    return new AssertionError(cause.getMessage() + "\n--- kubling stdout (tail) ---\n"
        + tail(read(stdout), 40) + "\n--- kubling stderr (tail) ---\n" + tail(read(stderr), 80),
        cause);
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** The remembered child PIDs that are still alive. */
  List<Long> liveDescendants() {
    synchronized (descendants) {
      return descendants.stream()
          .filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .toList();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      children();
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    for (long pid : liveDescendants()) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Override
  public String toString() {
    return "pid " + process.pid() + (process.isAlive() ? "" : " exit " + process.exitValue())
        + "\nstdout:\n" + read(stdout) + "\nstderr:\n" + stderr();
  }
}
