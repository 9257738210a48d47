package io.kubling.agent.pod;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent's record of its pods on disk (data-dir/pods/UID.json), so a restarted agent finds
 * the sandboxes and processes it started and adopts them instead of starting them again.
 */
final class PodStateStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One pod as saved. */
  record Saved(String namespace, String name, String uid, String netns, String ip,
      String startTime, List<SavedContainer> containers, String mirrorHash) {}

  /** One running container as saved. */
  record SavedContainer(String name, long pid, String startedAt, int restartCount,
      String logFile) {}

  private final Path dir;

  PodStateStore(Path dataDir) {
    this.dir = dataDir.resolve("pods");
  }

  Path podDir(String uid) {
    return dir.resolve(uid);
  }

  void save(PodRecord r) {
    List<SavedContainer> cs = new ArrayList<>();
    r.containers.values().forEach(c -> {
      if (c.running()) {
        cs.add(new SavedContainer(c.name, c.process.pid(), c.process.startedAt().toString(),
            c.restartCount, c.launch == null ? null : c.launch.logFile().toString()));
      }
    });
    Saved s = new Saved(r.ref.namespace(), r.ref.name(), r.ref.uid(),
        r.sandbox == null ? null : r.sandbox.netns(), r.sandbox == null ? null : r.sandbox.ip(),
        r.startTime.toString(), cs, r.mirrorHash);
    try {
      Files.createDirectories(dir);
      Path tmp = dir.resolve(r.ref.uid() + ".json.tmp");
      JSON.writeValue(tmp.toFile(), s);
      Files.move(tmp, dir.resolve(r.ref.uid() + ".json"), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("saving pod state " + r.ref.key(), e);
    }
  }

  void remove(String uid) {
    try {
      Files.deleteIfExists(dir.resolve(uid + ".json"));
      Path pod = podDir(uid);
      if (Files.exists(pod)) {
        try (Stream<Path> walk = Files.walk(pod)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("removing pod state " + uid, e);
    }
  }

  List<Saved> load() {
    List<Saved> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (f.toString().endsWith(".json")) {
          out.add(JSON.readValue(f.toFile(), Saved.class));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading pod state in " + dir, e);
    }
    return out;
  }
}
