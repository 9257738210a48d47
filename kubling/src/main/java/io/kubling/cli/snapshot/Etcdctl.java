package io.kubling.cli.snapshot;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * etcd's own snapshot tool, {@code etcdctl snapshot status|restore} (API v3): it reads the
 * bbolt file the way etcd does, so it is both the integrity check and the restorer.
 */
public final class Etcdctl {
  public static final String NOT_FOUND = "etcdctl not found on PATH: install Debian's"
      + " etcd-client package (apt-get install etcd-client)";
  static final long TIMEOUT_SECONDS = 300;

  /** What {@code etcdctl snapshot status -w json} says about a snapshot. */
  public record Status(long revision, long totalKeys, long totalSize) {}

  private final Path binary;

  public Etcdctl(Path binary) {
    this.binary = requireNonNull(binary, "binary should not be null");
  }

  /** The first executable {@code etcdctl} on PATH. */
  public static Etcdctl onPath() {
    return find(System.getenv("PATH")).orElseThrow(() -> new SnapshotException(NOT_FOUND));
  }

  static Optional<Etcdctl> find(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = dir.isEmpty() ? null : Path.of(dir, "etcdctl");
      if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new Etcdctl(candidate.toAbsolutePath()));
      }
    }
    return Optional.empty();
  }

  /** etcd's integrity check of a snapshot file: it must open and every key must read. */
  public Status status(Path db) {
    Result r = run(List.of("snapshot", "status", db.toString(), "-w", "json"));
    if (r.code != 0) {
      throw new SnapshotException("etcd cannot read it (etcdctl snapshot status: "
          + r.firstError() + ")");
    }
    try {
      JsonNode o = new ObjectMapper().readTree(r.output.substring(r.output.indexOf('{')));
      return new Status(o.path("revision").asLong(), o.path("totalKey").asLong(),
          o.path("totalSize").asLong());
    } catch (IOException | RuntimeException e) {
      throw new SnapshotException("cannot read etcdctl snapshot status output: " + r.output);
    }
  }

  /**
   * Restores {@code db} into {@code dataDir} (which must not exist) as the single member
   * {@code name} with peer URL {@code peerUrl}: the URL the restored etcd will listen on.
   */
  public void restore(Path db, Path dataDir, String name, String peerUrl) {
    Result r = run(List.of("snapshot", "restore", db.toString(),
        "--data-dir", dataDir.toString(),
        "--name", name,
        "--initial-cluster", name + "=" + peerUrl,
        "--initial-advertise-peer-urls", peerUrl));
    if (r.code != 0) {
      throw new SnapshotException("etcdctl snapshot restore failed: " + r.firstError());
    }
  }

  private record Result(int code, String output) {
    String firstError() {
      List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
      return lines.stream().filter(l -> l.startsWith("Error:")).findFirst()
          .or(() -> lines.stream().filter(l -> !l.startsWith("{")).findFirst())
          .orElse("exit code " + code);
    }
  }

  private Result run(List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(binary.toString());
    cmd.addAll(args);
    Path out = null;
    try {
      out = Files.createTempFile("kubling-etcdctl-", ".out");
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(out.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().put("ETCDCTL_API", "3");
      Process p = pb.start();
      try {
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          throw new SnapshotException(String.join(" ", args.subList(0, 2)) + " did not finish"
              + " within " + TIMEOUT_SECONDS + "s");
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new SnapshotException("interrupted while etcdctl ran");
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SnapshotException("cannot run " + binary + ": " + e.getMessage(), e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temp file of our own; nothing else to do
        }
      }
    }
  }
}
