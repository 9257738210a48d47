package io.kubling.proxy;

import io.kubling.proxy.exec.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flushes conntrack entries that still steer UDP to endpoints that left: UDP has no connection
 * to end, so without this a client keeps sending to a dead pod for as long as it keeps talking.
 */
public final class ConntrackCleaner {
  /** One stale flow: traffic to {@code serviceIP} that conntrack DNATs to {@code endpointIP}. */
  public record StaleFlow(String serviceIP, String endpointIP) {}

  private final CommandRunner runner;

  public ConntrackCleaner(CommandRunner runner) {
    this.runner = runner;
  }

  /** The UDP flows to delete after moving from {@code before} to {@code after}. Pure. */
  public static List<StaleFlow> staleUdpFlows(ProxySnapshot before, ProxySnapshot after) {
    List<StaleFlow> out = new ArrayList<>();
    if (before == null) {
      return out;
    }
    for (ServicePort sp : before.services()) {
      if (sp.protocol() != Protocol.UDP) {
        continue;
      }
      List<Endpoint> now = after.endpointsOf(sp.name());
      for (Endpoint ep : before.endpointsOf(sp.name())) {
        if (!now.contains(ep)) {
          out.add(new StaleFlow(sp.clusterIP(), ep.ip()));
          sp.externalIPs().forEach(ip -> out.add(new StaleFlow(ip, ep.ip())));
          sp.loadBalancerIPs().forEach(ip -> out.add(new StaleFlow(ip, ep.ip())));
        }
      }
    }
    return out;
  }

  public void flush(List<StaleFlow> flows) throws IOException {
    for (StaleFlow f : flows) {
      // exit status 1 means "no entry matched", which is fine
      runner.tryRun(null, "conntrack", "-D", "-p", "udp", "--orig-dst", f.serviceIP(),
          "--dst-nat", f.endpointIP());
    }
  }
}
