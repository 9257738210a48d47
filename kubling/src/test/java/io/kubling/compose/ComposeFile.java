package io.kubling.compose;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's compose.yaml as plain maps and lists. SnakeYAML reads it because the file
 * uses anchors and aliases, which Jackson's YAML parser leaves unresolved.
 */
final class ComposeFile {
  final Path path;
  final Map<String, Object> root;

  private ComposeFile(Path path, Map<String, Object> root) {
    this.path = path;
    this.root = root;
  }

  /** The repository root: tests run in a module directory, one level below it. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (int i = 0; i < 3 && dir != null; i++, dir = dir.getParent()) {
      if (Files.exists(dir.resolve("compose.yaml")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no compose.yaml above " + Path.of("").toAbsolutePath());
  }

  static ComposeFile load() {
    return load(repoRoot().resolve("compose.yaml"));
  }

  @SuppressWarnings("unchecked")
  static ComposeFile load(Path path) {
    try {
      String text = Files.readString(path);
      return new ComposeFile(path, (Map<String, Object>) new Yaml(new LoaderOptions()).load(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Services in file order. */
  Map<String, Service> services() {
    Map<String, Service> out = new LinkedHashMap<>();
    map(root.get("services")).forEach((name, body) -> out.put(name, new Service(name, map(body))));
    return out;
  }

  Service service(String name) {
    return requireNonNull(services().get(name), "no service " + name + " in " + path);
  }

  Map<String, Object> volumes() {
    return map(root.get("volumes"));
  }

  /** One service's settings, in the forms compose allows for each. */
  record Service(String name, Map<String, Object> body) {
    List<String> command() {
      return strings(body.get("command"));
    }

    /** environment as a map or as a list of NAME=value. */
    Map<String, String> environment() {
      Map<String, String> out = new LinkedHashMap<>();
      Object env = body.get("environment");
      if (env instanceof Map<?, ?> m) {
        m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
      } else {
        for (String kv : strings(env)) {
          int eq = kv.indexOf('=');
          out.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
      }
      return out;
    }

    /** Ports the service listens on inside its container: ports' container side, expose. */
    List<Integer> containerPorts() {
      List<Integer> out = new ArrayList<>();
      for (Port p : ports()) {
        out.add(p.container());
      }
      for (String e : strings(body.get("expose"))) {
        out.add(Integer.parseInt(e.split("/")[0]));
      }
      return out.stream().distinct().toList();
    }

    /** Short-form ports: [ip:]host:container. */
    List<Port> ports() {
      List<Port> out = new ArrayList<>();
      for (String p : strings(body.get("ports"))) {
        String[] parts = p.split("/")[0].split(":");
        int n = parts.length;
        out.add(new Port(n == 3 ? parts[0] : "0.0.0.0",
            n >= 2 ? Integer.parseInt(parts[n - 2]) : Integer.parseInt(parts[n - 1]),
            Integer.parseInt(parts[n - 1])));
      }
      return out;
    }

    /** depends_on as service → condition; the list form means service_started. */
    Map<String, String> dependsOn() {
      Map<String, String> out = new LinkedHashMap<>();
      Object d = body.get("depends_on");
      if (d instanceof Map<?, ?> m) {
        m.forEach((k, v) -> out.put(String.valueOf(k),
            String.valueOf(map(v).getOrDefault("condition", "service_started"))));
      } else {
        strings(d).forEach(s -> out.put(s, "service_started"));
      }
      return out;
    }

    /** The healthcheck's test as an argv: CMD form only; empty when there is none. */
    List<String> healthcheckCommand() {
      List<String> test = strings(map(body.get("healthcheck")).get("test"));
      if (test.isEmpty()) {
        return test;
      }
      if (!test.get(0).equals("CMD")) {
        throw new IllegalArgumentException(name + ": only CMD healthchecks are run locally");
      }
      return test.subList(1, test.size());
    }

    /** The restart policy: no, always, unless-stopped or on-failure[:max]. */
    String restart() {
      return String.valueOf(body.getOrDefault("restart", "no"));
    }

    boolean hasBuild() {
      return body.containsKey("build");
    }

    boolean privileged() {
      return Boolean.TRUE.equals(body.get("privileged"));
    }

    List<String> capAdd() {
      return strings(body.get("cap_add"));
    }

    /** Mount targets, each with a name for its source: the volume, or service and tmpfs path. */
    Map<String, String> mounts() {
      Map<String, String> out = new LinkedHashMap<>();
      for (String v : strings(body.get("volumes"))) {
        String[] parts = v.split(":");
        out.put(parts[1], parts[0]);
      }
      for (String t : strings(body.get("tmpfs"))) {
        out.put(t, name + "-tmpfs" + t.replace('/', '-'));
      }
      return out;
    }

    /** The service whose network namespace it shares (network_mode: service:NAME), or null. */
    String networkModeService() {
      Object m = body.get("network_mode");
      return m != null && String.valueOf(m).startsWith("service:")
          ? String.valueOf(m).substring("service:".length()) : null;
    }

    /** The fixed addresses it has on compose networks. */
    List<String> ipv4Addresses() {
      List<String> out = new ArrayList<>();
      if (body.get("networks") instanceof Map<?, ?> nets) {
        nets.values().forEach(n -> {
          Object ip = map(n).get("ipv4_address");
          if (ip != null) {
            out.add(String.valueOf(ip));
          }
        });
      }
      return out;
    }
  }

  record Port(String hostIp, int host, int container) {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    if (o instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    // A string command is split as a shell would split words without quotes.
    return List.of(String.valueOf(o).trim().split("\\s+"));
  }
}
