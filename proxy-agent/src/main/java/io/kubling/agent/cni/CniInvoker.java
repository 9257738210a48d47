package io.kubling.agent.cni;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs CNI plugins as the CNI spec says: the plugin binary found on CNI_PATH, CNI_* variables
 * in its environment, the network config (with name, cniVersion and prevResult) on stdin, the
 * result or error as JSON on stdout. A conflist's plugins run in order for ADD and CHECK and
 * in reverse for DEL.
 */
public final class CniInvoker {
  private final List<Path> binDirs;

  public CniInvoker(List<Path> binDirs) {
    this.binDirs = List.copyOf(binDirs);
  }

  /** The first directory holding the bridge plugin, or null: CNI is not installed. */
  public static Path findPlugins(List<Path> dirs) {
    for (Path d : dirs) {
      if (Files.isExecutable(d.resolve("bridge")) && Files.isExecutable(d.resolve("host-local"))) {
        return d;
      }
    }
    return null;
  }

  /** ADD every plugin of the list; returns the last result. */
  public JsonNode add(String conflist, String containerId, String netnsPath, String ifName)
      throws IOException {
    JsonNode list = CniConfig.JSON.readTree(conflist);
    JsonNode prev = null;
    for (JsonNode plugin : list.get("plugins")) {
      prev = invoke("ADD", net(list, plugin, prev), containerId, netnsPath, ifName);
    }
    return prev;
  }

  /** DEL every plugin of the list, last first; a plugin's DEL of what is gone succeeds. */
  public void del(String conflist, String containerId, String netnsPath, String ifName)
      throws IOException {
    JsonNode list = CniConfig.JSON.readTree(conflist);
    List<JsonNode> plugins = new ArrayList<>();
    list.get("plugins").forEach(plugins::add);
    for (int i = plugins.size() - 1; i >= 0; i--) {
      invoke("DEL", net(list, plugins.get(i), null), containerId, netnsPath, ifName);
    }
  }

  /** Runs a single-plugin network config (e.g. loopback). */
  public JsonNode single(String command, String config, String containerId, String netnsPath,
      String ifName) throws IOException {
    return invoke(command, (ObjectNode) CniConfig.JSON.readTree(config), containerId, netnsPath,
        ifName);
  }

  private static ObjectNode net(JsonNode list, JsonNode plugin, JsonNode prev) {
    ObjectNode conf = plugin.deepCopy();
    conf.put("cniVersion", list.get("cniVersion").asText());
    conf.put("name", list.get("name").asText());
    if (prev != null) {
      conf.set("prevResult", prev);
    }
    return conf;
  }

  private JsonNode invoke(String command, ObjectNode conf, String containerId, String netnsPath,
      String ifName) throws IOException {
    String type = conf.get("type").asText();
    Path binary = null;
    for (Path d : binDirs) {
      if (Files.isExecutable(d.resolve(type))) {
        binary = d.resolve(type);
        break;
      }
    }
    if (binary == null) {
      throw new IOException("CNI plugin " + type + " not found in " + binDirs);
    }
    ProcessBuilder pb = new ProcessBuilder(binary.toString());
    Map<String, String> env = pb.environment();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", containerId);
    env.put("CNI_NETNS", netnsPath);
    env.put("CNI_IFNAME", ifName);
    env.put("CNI_PATH", binDirs.stream().map(Path::toString).collect(Collectors.joining(":")));
    pb.redirectErrorStream(false);
    Process p = pb.start();
    p.getOutputStream().write(CniConfig.JSON.writeValueAsBytes(conf));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("CNI " + type + " " + command + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String text = new String(out, StandardCharsets.UTF_8).strip();
    if (p.exitValue() != 0) {
      throw new IOException("CNI " + type + " " + command + " failed: " + (text.isEmpty() ? err
          : text));
    }
    return text.isEmpty() ? null : CniConfig.JSON.readTree(text);
  }

  /** The first IPv4 address of an ADD result, without its prefix length. */
  public static String firstIp(JsonNode result) throws IOException {
    if (result != null && result.has("ips")) {
      for (JsonNode ip : result.get("ips")) {
        String a = ip.get("address").asText();
        if (a.contains(".")) {
          return a.substring(0, a.indexOf('/'));
        }
      }
    }
    throw new IOException("CNI result has no IPv4 address: " + result);
  }
}
