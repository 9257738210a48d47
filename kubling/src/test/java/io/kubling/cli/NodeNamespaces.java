package io.kubling.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubling.agent.host.NodeHosts;
import io.kubling.cli.nodes.NodeNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a test sees of a {@code kubling server --nodes} cluster on the machine: its node and
 * pod namespaces (found by the prefix the server wrote into its data dir), the processes in
 * them, and its agents' host-local leases.
 */
record NodeNamespaces(Path data, String prefix) {
  static NodeNamespaces of(Path data) {
    return new NodeNamespaces(data, NodeNetwork.prefixFor(data));
  }

  int index(String node) {
    return Integer.parseInt(node.substring("node".length()));
  }

  String node(String node) {
    return prefix + "n" + index(node);
  }

  /** The pod's namespace, as the agent names it: its node's prefix and 12 hex of its uid. */
  String podNetns(Pod p) {
    return prefix + "p" + index(p.getSpec().getNodeName()) + "-"
        + p.getMetadata().getUid().replace("-", "").substring(0, 12);
  }

  List<String> all() throws IOException {
    return NodeHosts.namespaces(prefix);
  }

  static List<Long> pids(String netns) throws IOException {
    return NodeHosts.pids(netns);
  }

  /** GET http://ip:port/ from inside a namespace; curl's output ("" when it fails). */
  static String curl(String netns, String ip, int port) throws IOException {
    return NodeHosts.exec(netns, "curl -s --noproxy '*' --max-time 3 http://" + ip + ":" + port
        + "/").out();
  }

  /** The veths of pods on a node's bridge. */
  long podVeths(String node) throws IOException {
    return NodeHosts.run("ip -n " + node(node) + " -o link show master kubling0").out()
        .lines().filter(l -> !l.isBlank()).count();
  }

  /** host-local lease files on the node that name this pod's uid (its container ID). */
  List<Path> leasesOf(String node, String uid) throws IOException {
    Path dir = data.resolve("agents").resolve(node).resolve("cni/networks");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).filter(f -> {
        try {
          return Files.readString(f).contains(uid);
        } catch (IOException e) {
          return false;
        }
      }).toList();
    }
  }
}
