package io.kubling.agent.staticpod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the static pod manifests of --pod-manifest-path: every file not starting with a dot,
 * holding one Pod in YAML or JSON. A file that is not a valid Pod is logged and skipped, as
 * the kubelet does, so one bad file never stops the others.
 */
public final class StaticPodManifests {
  private static final Logger log = LoggerFactory.getLogger(StaticPodManifests.class);

  private StaticPodManifests() {}

  /** The manifests by file name; empty when the directory does not exist. */
  public static Map<String, Pod> read(Path dir) {
    Map<String, Pod> out = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        String name = f.getFileName().toString();
        if (name.startsWith(".") || !Files.isRegularFile(f)) {
          continue;
        }
        try (InputStream in = Files.newInputStream(f)) {
          Object o = Serialization.unmarshal(in);
          String why = problem(o);
          if (why != null) {
            log.atWarn().addKeyValue("file", f).log("static pod manifest skipped: " + why);
            continue;
          }
          out.put(name, (Pod) o);
        } catch (IOException | RuntimeException e) {
          log.atWarn().addKeyValue("file", f).log("static pod manifest unreadable: "
              + e.getMessage());
        }
      }
    } catch (IOException e) {
      log.atWarn().addKeyValue("dir", dir).log("cannot list static pod manifests: "
          + e.getMessage());
    }
    return out;
  }

  static String problem(Object o) {
    if (!(o instanceof Pod p)) {
      return "not a Pod (kind " + (o == null ? "none" : o.getClass().getSimpleName()) + ")";
    }
    if (p.getMetadata() == null || p.getMetadata().getName() == null
        || p.getMetadata().getName().isEmpty()) {
      return "metadata.name is required";
    }
    if (p.getSpec() == null || p.getSpec().getContainers() == null
        || p.getSpec().getContainers().isEmpty()) {
      return "spec.containers is required";
    }
    return null;
  }
}
