package io.kubling.agent.cni;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * The agent's CNI network as a conflist (pure): the bridge plugin (a bridge in the node's
 * namespace, the node side of each pod's veth on it, the bridge as the pods' gateway) with
 * host-local IPAM over the node's podCIDR, its leases kept under the agent's data dir.
 */
public final class CniConfig {
  public static final String VERSION = "1.0.0";
  public static final String NETWORK = "kubling";
  public static final String BRIDGE = "kubling0";
  static final ObjectMapper JSON = new ObjectMapper();

  private CniConfig() {}

  /** The conflist text for a node whose pods get IPs from {@code podCidr}. */
  public static String conflist(String podCidr, Path ipamDataDir) {
    ObjectNode root = JSON.createObjectNode();
    root.put("cniVersion", VERSION);
    root.put("name", NETWORK);
    ArrayNode plugins = root.putArray("plugins");
    ObjectNode bridge = plugins.addObject();
    bridge.put("type", "bridge");
    bridge.put("bridge", BRIDGE);
    bridge.put("isGateway", true);
    // No masquerade: pod traffic keeps its source IP across nodes (host-gw routes carry it).
    bridge.put("ipMasq", false);
    bridge.put("hairpinMode", true);
    ObjectNode ipam = bridge.putObject("ipam");
    ipam.put("type", "host-local");
    ipam.putArray("ranges").addArray().addObject().put("subnet", podCidr);
    ipam.putArray("routes").addObject().put("dst", "0.0.0.0/0");
    ipam.put("dataDir", ipamDataDir.toString());
    return root.toPrettyString() + "\n";
  }

  /** The loopback network every pod gets first, so its containers reach each other on lo. */
  public static String loopback() {
    return "{\"cniVersion\":\"" + VERSION + "\",\"name\":\"lo\",\"type\":\"loopback\"}";
  }
}
