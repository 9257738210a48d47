package io.kubling.compose;

import io.kubling.compose.ComposeFile.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a compose service into a local process, by rules that know no service by name:
 * <ul>
 *   <li>a service built from the Dockerfile runs its ENTRYPOINT, with {@code java -jar} of the
 *       jar the build stage made replaced by the built modules' classpath and that jar's main
 *       class; an image's absolute command runs the same-named program from PATH;
 *   <li>{@code <service>:<port>} becomes {@code 127.0.0.1:<free port>} for every port a service
 *       listens on ({@code ports}, {@code expose}); inside a service, {@code localhost:<port>},
 *       {@code 0.0.0.0:<port>} and a value that is just one of its ports get its own free
 *       port; a bare {@code 0.0.0.0} becomes loopback;
 *   <li>named volumes, bind mounts and tmpfs mounts become directories under the run's temp
 *       dir, one per source, so services that mount the same volume share it (a one-shot
 *       service's output included: what it writes names services by their local ports
 *       already, since its own command and environment were translated);
 *   <li>a privileged service with NET_ADMIN is a node: it runs in node namespace i (in
 *       service order), its fixed address becomes that node's address, and, since a node
 *       namespace has no route to the host's loopback, it reaches one service through a Unix
 *       socket relay ({@code --api-socket}, the agent's flag for that) and names its pods'
 *       namespaces with the run's prefix so that cleanup finds them. That service is the one
 *       it names, or, when it names none (its kubeconfig does), the one service it depends on
 *       that listens on a port;
 *   <li>a service in a node's network namespace ({@code network_mode: service:<node>}) runs in
 *       that node namespace and reaches its one service through the relay too.
 * </ul>
 */
final class LocalTranslation {
  /** What the run provides: free ports, dirs, the classpath and the node namespaces. */
  record Layout(Map<String, Integer> freePorts, Path workDir, String javaBinary,
      String classpath, String mainClass, String podNetnsPrefix, IntFunction<String> nodeIp) {

    /** The Unix socket through which nodes reach "service:port". */
    Path relaySocket(String servicePort) {
      return workDir.resolve(servicePort.replace(':', '-') + ".sock");
    }

    int port(String service, int containerPort) {
      Integer p = freePorts.get(service + ":" + containerPort);
      if (p == null) {
        throw new IllegalArgumentException("no local port for " + service + ":" + containerPort);
      }
      return p;
    }
  }

  /**
   * A service as a local process. node is 0 for the host's loopback, else the node namespace
   * index; relayTo is the {@code service:port} a node reaches through the relay.
   */
  record Launch(String service, List<String> argv, Map<String, String> env, int node,
      String relayTo) {}

  private final ComposeFile compose;
  private final Dockerfile dockerfile;
  private final Layout layout;
  private final Map<String, Service> services;
  private final List<String> nodes;

  LocalTranslation(ComposeFile compose, Dockerfile dockerfile, Layout layout) {
    this.compose = compose;
    this.dockerfile = dockerfile;
    this.layout = layout;
    this.services = compose.services();
    this.nodes = services.values().stream().filter(LocalTranslation::isNode)
        .map(Service::name).toList();
  }

  static boolean isNode(Service s) {
    return s.privileged() && s.capAdd().contains("NET_ADMIN");
  }

  /** Every (service, port) that needs a local port, as "service:port". */
  static List<String> listenPorts(ComposeFile compose) {
    List<String> out = new ArrayList<>();
    compose.services().values().forEach(s -> s.containerPorts().forEach(
        p -> out.add(s.name() + ":" + p)));
    return out;
  }

  /** 1-based node index of a service, 0 when it is not a node. */
  int nodeIndex(String service) {
    return nodes.indexOf(service) + 1;
  }

  /**
   * 1-based node namespace a service runs in: its own as a node, or the node's whose network
   * namespace it shares; 0 for the host's loopback.
   */
  int namespaceOf(String service) {
    String shared = services.get(service).networkModeService();
    return nodeIndex(shared != null ? shared : service);
  }

  List<String> nodes() {
    return nodes;
  }

  Launch launch(String name) {
    Service s = services.get(name);
    List<String> argv = new ArrayList<>(executable(s));
    Set<String> referenced = new LinkedHashSet<>();
    // An image service's command starts with its program, which executable() replaced.
    List<String> args = s.hasBuild() ? s.command() : s.command().subList(1, s.command().size());
    for (String a : args) {
      argv.add(rewrite(s, a, referenced));
    }
    Map<String, String> env = new LinkedHashMap<>();
    s.environment().forEach((k, v) -> env.put(k, rewrite(s, v, referenced)));
    int node = namespaceOf(name);
    String relayTo = null;
    if (node > 0) {
      if (referenced.isEmpty()) {
        for (String dep : s.dependsOn().keySet()) {
          // The node whose namespace it shares is where it is, not what it reaches.
          if (!dep.equals(s.networkModeService())) {
            services.get(dep).containerPorts().forEach(p -> referenced.add(dep + ":" + p));
          }
        }
      }
      if (referenced.size() != 1) {
        throw new IllegalArgumentException(name + ": a node reaches exactly one service through"
            + " its relay, but it names " + referenced);
      }
      relayTo = referenced.iterator().next();
      argv.add("--api-socket=" + layout.relaySocket(relayTo));
      if (nodeIndex(name) > 0) {
        argv.add("--pod-netns-prefix=" + layout.podNetnsPrefix());
      }
    }
    return new Launch(name, List.copyOf(argv), env, node, relayTo);
  }

  /** A healthcheck's CMD as run on the host against the service's local ports. */
  List<String> healthcheck(String name) {
    Service s = services.get(name);
    List<String> argv = new ArrayList<>();
    for (String a : s.healthcheckCommand()) {
      argv.add(rewrite(s, a, new LinkedHashSet<>()));
    }
    return argv;
  }

  /** Where a path inside a service's container is on the host: its mount's directory. */
  Path hostPath(String service, String containerPath) {
    return Path.of(rewrite(services.get(service), containerPath, new LinkedHashSet<>()));
  }

  /** A file the host uses (the kubeconfig) with the published ports mapped to local ones. */
  String hostView(String text) {
    String out = text;
    for (Service s : services.values()) {
      for (ComposeFile.Port p : s.ports()) {
        String local = "127.0.0.1:" + layout.port(s.name(), p.container());
        out = replacePort(out, "(?:127\\.0\\.0\\.1|localhost)", p.host(), local);
      }
    }
    return out;
  }

  private List<String> executable(Service s) {
    if (!s.hasBuild()) {
      List<String> cmd = s.command();
      if (cmd.isEmpty() || !cmd.get(0).startsWith("/")) {
        throw new IllegalArgumentException(s.name() + ": an image service needs an absolute"
            + " command, which runs from PATH here");
      }
      return List.of(Path.of(cmd.get(0)).getFileName().toString());
    }
    List<String> out = new ArrayList<>();
    List<String> entry = dockerfile.entrypoint();
    for (int i = 0; i < entry.size(); i++) {
      String w = entry.get(i);
      if (i == 0 && w.equals("java")) {
        out.add(layout.javaBinary());
      } else if (w.equals("-jar") && i + 1 < entry.size()) {
        String built = dockerfile.copiedFromBuild().get(entry.get(++i));
        if (built == null || !built.endsWith("kubling/target/kubling.jar")) {
          throw new IllegalArgumentException("the ENTRYPOINT's jar " + entry.get(i)
              + " is not the kubling module's jar from the build stage");
        }
        out.addAll(List.of("-cp", layout.classpath(), layout.mainClass()));
      } else {
        out.add(w);
      }
    }
    return out;
  }

  // Applies the rules in the class comment to one value.
  private String rewrite(Service s, String value, Set<String> referenced) {
    int node = namespaceOf(s.name());
    for (Service t : services.values()) {
      for (int p : t.containerPorts()) {
        Matcher m = hostPort(Pattern.quote(t.name()), p).matcher(value);
        if (m.find()) {
          if (!t.name().equals(s.name())) {
            referenced.add(t.name() + ":" + p);
          }
          value = replacePort(value, Pattern.quote(t.name()), p,
              "127.0.0.1:" + layout.port(t.name(), p));
        }
      }
    }
    for (int p : s.containerPorts()) {
      int local = layout.port(s.name(), p);
      value = replacePort(value, "(?:localhost|0\\.0\\.0\\.0|127\\.0\\.0\\.1)", p,
          "127.0.0.1:" + local);
      if (value.equals(String.valueOf(p))) {
        value = String.valueOf(local);
      }
    }
    if (node == 0 && value.equals("0.0.0.0")) {
      value = "127.0.0.1";
    }
    for (String other : nodes) {
      for (String ip : services.get(other).ipv4Addresses()) {
        value = value.replaceAll("(?<![\\d.])" + Pattern.quote(ip) + "(?![\\d.])",
            Matcher.quoteReplacement(layout.nodeIp().apply(nodeIndex(other))));
      }
    }
    for (Map.Entry<String, String> m : s.mounts().entrySet()) {
      String dir = layout.workDir().resolve(m.getValue()).normalize().toString();
      value = value.replaceAll("(?<![\\w/])" + Pattern.quote(m.getKey()) + "(?=$|/)",
          Matcher.quoteReplacement(dir));
    }
    return value;
  }

  private static Pattern hostPort(String host, int port) {
    return Pattern.compile("(?<![\\w.-])" + host + ":" + port + "(?!\\d)");
  }

  private static String replacePort(String value, String host, int port, String with) {
    return hostPort(host, port).matcher(value).replaceAll(Matcher.quoteReplacement(with));
  }
}
