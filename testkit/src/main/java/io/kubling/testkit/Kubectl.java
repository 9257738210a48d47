package io.kubling.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real kubectl against a server, with its own kubeconfig and --cache-dir in a
 * directory of the test's, so no test reads or writes the user's ~/.kube.
 */
public final class Kubectl {
  /** The dispatcher installed on these machines; it picks kubectl.1.&lt;minor&gt; by /version. */
  public static final String DEFAULT = "/usr/bin/kubectl";
  private static final String VERSIONED = "/usr/lib/google-cloud-sdk/bin/kubectl.1.";

  private final String binary;
  private final Path kubeconfig;
  private final Path cacheDir;
  private final Path workDir;

  private Kubectl(String binary, Path kubeconfig, Path cacheDir, Path workDir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
    this.workDir = workDir;
  }

  /** The outcome of one kubectl run. */
  public record Result(int exit, String out, String err) {
    public Result assertOk() {
      if (exit != 0) {
        throw new AssertionError("kubectl exited " + exit + "\nstdout:\n" + out + "\nstderr:\n"
            + err);
      }
      return this;
    }
  }

  /** kubectl of a given minor version (27..33), bypassing the dispatcher. */
  public static String minor(int minor) {
    return VERSIONED + minor;
  }

  /** A kubectl for the server at url, writing its files under dir. */
  public static Kubectl forServer(String binary, String url, Path dir) {
    try {
      Files.createDirectories(dir);
      Path config = dir.resolve("kubeconfig");
      Files.writeString(config, """
          apiVersion: v1
          kind: Config
          clusters:
          - name: kubling
            cluster:
              server: %s
          users:
          - name: admin
            user: {}
          contexts:
          - name: kubling
            context:
              cluster: kubling
              user: admin
              namespace: default
          current-context: kubling
          """.formatted(url));
      return new Kubectl(binary, config, dir.resolve("cache"), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A kubectl using a kubeconfig written elsewhere (e.g. with a CA and client certificate),
   * with its --cache-dir and temp files under dir.
   */
  public static Kubectl withKubeconfig(String binary, Path kubeconfig, Path dir) {
    try {
      Files.createDirectories(dir);
      return new Kubectl(binary, kubeconfig, dir.resolve("cache"), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path kubeconfig() {
    return kubeconfig;
  }

  public Path workDir() {
    return workDir;
  }

  public Result run(String... args) {
    return run(null, Map.of(), args);
  }

  /** Runs with stdin text (or none) and extra environment, bounded to 60 seconds. */
  public Result run(String stdin, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.add("--cache-dir=" + cacheDir);
    cmd.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workDir, "out", ".txt");
      Path err = Files.createTempFile(workDir, "err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      pb.environment().put("HOME", workDir.toString());
      pb.environment().putAll(env);
      Process p = pb.start();
      if (stdin != null) {
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in 60 s");
      }
      Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Starts kubectl without waiting, e.g. for {@code get -w}; the caller destroys it. */
  public Process start(Path stdout, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary);
    cmd.add("--cache-dir=" + cacheDir);
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
          .redirectOutput(stdout.toFile()).redirectErrorStream(true);
      pb.environment().put("KUBECONFIG", kubeconfig.toString());
      pb.environment().put("HOME", workDir.toString());
      Process p = pb.start();
      p.getOutputStream().close();
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
