package io.kubling.proxy.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster's service DNS zone, as a pure lookup table: {@code name.namespace.svc.<domain>} A
 * records (the ClusterIP, or the ready pod IPs of a headless service) and
 * {@code _port._proto.name.namespace.svc.<domain>} SRV records for named ports.
 */
public final class DnsRecords {

  /** One service as DNS sees it; {@code clusterIP} null for a headless service. */
  public record DnsService(String namespace, String name, String clusterIP,
      List<NamedPort> ports, List<String> readyIPs) {}

  /** A named service port. */
  public record NamedPort(String name, String protocol, int port) {}

  /** One answer record. */
  public record Answer(String name, int type, String address, int port, String target) {
    static final int A = 1;
    static final int SRV = 33;
  }

  private final String domain;
  private final Map<String, List<Answer>> byName = new TreeMap<>();

  public DnsRecords(String domain, List<DnsService> services) {
    this.domain = domain.toLowerCase(Locale.ROOT);
    for (DnsService s : services) {
      String fqdn = s.name() + "." + s.namespace() + ".svc." + this.domain;
      List<String> ips = s.clusterIP() != null ? List.of(s.clusterIP()) : s.readyIPs();
      for (String ip : ips) {
        add(new Answer(fqdn, Answer.A, ip, 0, null));
      }
      for (NamedPort p : s.ports()) {
        if (p.name() != null && !p.name().isEmpty()) {
          String srv = "_" + p.name() + "._" + p.protocol().toLowerCase(Locale.ROOT) + "."
              + fqdn;
          add(new Answer(srv, Answer.SRV, null, p.port(), fqdn));
        }
      }
    }
  }

  private void add(Answer a) {
    byName.computeIfAbsent(a.name().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(a);
  }

  /** The answers for a question; empty when the name exists but not with that type. */
  public List<Answer> lookup(String name, int type) {
    String key = stripDot(name).toLowerCase(Locale.ROOT);
    return byName.getOrDefault(key, List.of()).stream().filter(a -> a.type() == type).toList();
  }

  /** True when the name exists in the zone (so an empty answer is NODATA, not NXDOMAIN). */
  public boolean exists(String name) {
    return byName.containsKey(stripDot(name).toLowerCase(Locale.ROOT));
  }

  /** True when this server is authoritative for the name. */
  public boolean inZone(String name) {
    String n = stripDot(name).toLowerCase(Locale.ROOT);
    return n.equals(domain) || n.endsWith("." + domain);
  }

  private static String stripDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** The resolv.conf a pod in {@code namespace} gets: this server and the search domains. */
  public static String resolvConf(String namespace, String nameserver, String domain) {
    return "search " + namespace + ".svc." + domain + " svc." + domain + " " + domain + "\n"
        + "nameserver " + nameserver + "\n"
        + "options ndots:5\n";
  }
}
