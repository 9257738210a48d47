package io.kubling.agent.runtime;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.node.HostGwRoutes;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the host-gw routes of the agent's network namespace (the node's) in line with the
 * Nodes: {@code ip route replace CIDR via IP}, and routes of nodes that left removed.
 */
public final class RouteSync implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(RouteSync.class);

  private final KubernetesClient client;
  private final String self;
  private final Map<String, String> applied = new HashMap<>();

  public RouteSync(KubernetesClient client, String self) {
    this.client = client;
    this.self = self;
  }

  @Override
  public synchronized void run() {
    Map<String, String> want = HostGwRoutes.routes(self, client.nodes().list().getItems());
    try {
      for (var e : want.entrySet()) {
        if (!e.getValue().equals(applied.get(e.getKey()))) {
          NetnsRuntime.run(List.of(NetnsRuntime.ip(), "route", "replace", e.getKey(), "via",
              e.getValue()));
          applied.put(e.getKey(), e.getValue());
          log.atInfo().addKeyValue("cidr", e.getKey()).addKeyValue("via", e.getValue())
              .log("route set");
        }
      }
      for (String cidr : List.copyOf(applied.keySet())) {
        if (!want.containsKey(cidr)) {
          NetnsRuntime.run(List.of(NetnsRuntime.ip(), "route", "del", cidr));
          applied.remove(cidr);
        }
      }
    } catch (IOException e) {
      log.atWarn().log("route sync failed: " + e.getMessage());
    }
  }
}
