package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.items;
import static io.kubling.apiserver.table.Cells.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** Ingresses (networking.k8s.io): Name, Class, Hosts, Address, Ports, Age. */
final class IngressConvertor implements TableConvertor {
  static final IngressConvertor INSTANCE = new IngressConvertor();

  private static final int MAX = 3;
  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Class", "The name of the IngressClass resource that should be used for"
          + " additional configuration"),
      Column.string("Hosts", "Hosts that incoming requests are matched against before the"
          + " ingress rule"),
      Column.string("Address", "Address is a list containing ingress points for the"
          + " load-balancer"),
      Column.string("Ports", "Ports of TLS configurations that open"),
      Column.AGE);

  private IngressConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode ing, Instant now) {
    String className = Json.text(ing, "spec", "ingressClassName");
    return Arrays.asList(Cells.name(ing), className == null ? Cells.NONE : className,
        hosts(ing), address(ing), items(ing, "spec", "tls").isEmpty() ? "80" : "80, 443",
        Cells.age(ing, now));
  }

  /** formatHosts: up to three rule hosts, {@code *} if none. */
  static String hosts(JsonNode ing) {
    List<JsonNode> rules = items(ing, "spec", "rules");
    List<String> list = new ArrayList<>();
    boolean more = false;
    for (JsonNode rule : rules) {
      if (list.size() == MAX) {
        more = true;
      }
      if (!more && !text(rule, "host").isEmpty()) {
        list.add(text(rule, "host"));
      }
    }
    if (list.isEmpty()) {
      return "*";
    }
    String ret = String.join(",", list);
    return more ? ret + " + " + (rules.size() - MAX) + " more..." : ret;
  }

  /** The load balancer's IPs or hostnames, sorted; the server sends them unclipped. */
  static String address(JsonNode ing) {
    TreeSet<String> result = new TreeSet<>();
    for (JsonNode in : items(ing, "status", "loadBalancer", "ingress")) {
      if (!text(in, "ip").isEmpty()) {
        result.add(text(in, "ip"));
      } else if (!text(in, "hostname").isEmpty()) {
        result.add(text(in, "hostname"));
      }
    }
    return String.join(",", result);
  }
}
