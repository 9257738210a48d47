package io.kubling.agent;

import io.kubling.agent.volume.ServiceAccountTokenVolumes;
import io.kubling.component.config.ComponentFlags;
import io.kubling.component.config.ComponentOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agent's flags, parsed like the other components' ({@code --flag=value} or
 * {@code --flag value}); the common ones (--master, --kubeconfig, ...) via
 * {@link ComponentFlags}. Unknown flags are refused by name.
 */
public record AgentFlags(ComponentOptions common, AgentConfig config, String runtime,
    int fakeNodes, String apiSocket, String podManifestPath, String kubeletEndpoint,
    boolean allowHostNetns, ServiceProxyFlags proxy, double tokenRefreshFraction) {

  public static final List<String> NAMES = List.of("node-name", "node-ip", "pod-cidr",
      "fake-nodes", "runtime", "cni-bin-dir", "cni-conf-dir", "data-dir", "pod-manifest-path",
      "capacity-cpu", "capacity-memory", "capacity-pods", "node-labels", "pod-netns-prefix",
      "api-socket", "node-status-update-frequency", "kubelet-port", "kubelet-endpoint",
      "allow-host-netns", "token-refresh-fraction");
  /** The one flag that may be given without a value (it then means true). */
  public static final String ALLOW_HOST_NETNS = "allow-host-netns";

  public static AgentFlags parse(List<String> args, Map<String, String> env) {
    ComponentFlags.Parsed common = ComponentFlags.parse(args, env,
        ComponentOptions.defaults("agent", 0));
    Map<String, String> v = new HashMap<>();
    List<String> rest = common.remaining();
    for (int i = 0; i < rest.size(); i++) {
      String a = rest.get(i);
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a);
      }
      String body = a.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      if (!NAMES.contains(name) && !ServiceProxyFlags.NAMES.contains(name)) {
        throw new IllegalArgumentException("unknown flag: --" + name);
      }
      if (ServiceProxyFlags.BOOLEANS.contains(name) && eq < 0) {
        v.put(name, "true");
      } else if (eq >= 0) {
        v.put(name, body.substring(eq + 1));
      } else if (name.equals(ALLOW_HOST_NETNS)) {
        v.put(name, "true");
      } else if (i + 1 < rest.size()) {
        v.put(name, rest.get(++i));
      } else {
        throw new IllegalArgumentException("flag needs an argument: --" + name);
      }
    }
    String nodeName = v.getOrDefault("node-name", hostname());
    Path dataDir = Path.of(v.getOrDefault("data-dir", "/var/lib/kubling/agent/" + nodeName));
    AgentConfig c = AgentConfig.defaults(nodeName, v.getOrDefault("node-ip", "127.0.0.1"),
        dataDir);
    Map<String, String> cap = new LinkedHashMap<>(c.capacity());
    cap.put("cpu", v.getOrDefault("capacity-cpu",
        String.valueOf(Runtime.getRuntime().availableProcessors())));
    cap.put("memory", v.getOrDefault("capacity-memory", cap.get("memory")));
    cap.put("pods", v.getOrDefault("capacity-pods", cap.get("pods")));
    List<Path> bins = v.containsKey("cni-bin-dir")
        ? List.of(Path.of(v.get("cni-bin-dir"))) : c.cniBinDirs();
    Path conf = Path.of(v.getOrDefault("cni-conf-dir", dataDir.resolve("cni/net.d").toString()));
    Map<String, String> labels = new LinkedHashMap<>();
    for (String kv : v.getOrDefault("node-labels", "").split(",")) {
      if (!kv.isBlank()) {
        String[] p = kv.split("=", 2);
        labels.put(p[0].strip(), p.length > 1 ? p[1].strip() : "");
      }
    }
    java.time.Duration status = v.containsKey("node-status-update-frequency")
        ? io.kubling.component.config.GoDuration.parse(v.get("node-status-update-frequency"))
        : c.statusUpdate();
    c = new AgentConfig(nodeName, c.nodeIp(), v.getOrDefault("pod-cidr", ""), cap, labels,
        dataDir, bins, conf, v.getOrDefault("pod-netns-prefix", "kubling-"), c.leaseDuration(),
        status, Integer.parseInt(v.getOrDefault("kubelet-port",
            String.valueOf(io.kubling.agent.node.KubeletEndpoints.DEFAULT_PORT))));
    String runtime = v.getOrDefault("runtime", "");
    if (!runtime.isEmpty() && !runtime.equals("netns") && !runtime.equals("fake")) {
      throw new IllegalArgumentException("--runtime must be netns or fake, got " + runtime);
    }
    int fake = Integer.parseInt(v.getOrDefault("fake-nodes", "0"));
    String allow = v.getOrDefault(ALLOW_HOST_NETNS, "false");
    if (!allow.equals("true") && !allow.equals("false")) {
      throw new IllegalArgumentException("--" + ALLOW_HOST_NETNS + " must be true or false, got "
          + allow);
    }
    double refresh = Double.parseDouble(v.getOrDefault("token-refresh-fraction",
        String.valueOf(ServiceAccountTokenVolumes.DEFAULT_REFRESH_FRACTION)));
    if (!(refresh > 0 && refresh <= 1)) {
      throw new IllegalArgumentException("--token-refresh-fraction must be in (0, 1], got "
          + v.get("token-refresh-fraction"));
    }
    return new AgentFlags(common.options(), c, runtime, fake, v.getOrDefault("api-socket", ""),
        v.getOrDefault("pod-manifest-path", ""), v.getOrDefault("kubelet-endpoint", ""),
        allow.equals("true"), ServiceProxyFlags.parse(v, env), refresh);
  }

  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase();
    } catch (Exception e) {
      return "node";
    }
  }

  /** The flags' one-line help, for the CLI. */
  public static List<String> help() {
    List<String> h = new ArrayList<>();
    h.add("--node-name NAME           the Node's name (default: hostname)");
    h.add("--node-ip IP               the node's InternalIP (default 127.0.0.1)");
    h.add("--pod-cidr CIDR            pod CIDR when the Node has none (e.g. 10.244.1.0/24)");
    h.add("--fake-nodes N             play N fake nodes NAME-0..NAME-(N-1) (fake runtime)");
    h.add("--runtime netns|fake       default: netns as root, fake otherwise");
    h.add("--cni-bin-dir DIR          CNI plugins (default /usr/lib/cni, then /opt/cni/bin)");
    h.add("--cni-conf-dir DIR         where the conflist is written (default DATA/cni/net.d)");
    h.add("--data-dir DIR             pod state, logs, IP leases (default /var/lib/kubling/agent/NAME)");
    h.add("--pod-manifest-path DIR    static pod manifests (YAML/JSON Pods), run as mirror pods");
    h.add("--kubelet-port PORT        the kubelet API (logs, exec) port (default 10250; 0 picks)");
    h.add("--kubelet-endpoint H:P     advertise this endpoint to the API server instead of");
    h.add("                           InternalIP:port (a relay to DATA/kubelet.sock)");
    h.add("--allow-host-netns         let the netns runtime run in the machine's own network");
    h.add("                           namespace (when this machine or container is the node)");
    h.add("--token-refresh-fraction F renew projected ServiceAccount tokens after this");
    h.add("                           fraction of their life (default 0.8, as the kubelet)");
    h.add("--capacity-cpu/-memory/-pods  the Node's capacity (default: cores, 8Gi, 110)");
    h.add("--node-labels k=v,...      extra Node labels");
    h.add("--pod-netns-prefix P       prefix of the pods' netns names (default kubling-)");
    h.add("--api-socket PATH          reach the API server through this Unix socket");
    h.add("--master URL, --kubeconfig PATH  the API server");
    h.addAll(ServiceProxyFlags.help());
    return h;
  }
}
