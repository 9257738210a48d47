package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.integer;
import static io.kubling.apiserver.table.Cells.items;
import static io.kubling.apiserver.table.Cells.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Endpoints: Name, Endpoints ({@code ip:port} of every port and address), Age. */
final class EndpointsConvertor implements TableConvertor {
  static final EndpointsConvertor INSTANCE = new EndpointsConvertor();

  private static final int MAX = 3;
  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("Endpoints", "The set of all endpoints is the union of all subsets."
          + " Addresses are placed into subsets according to the IPs they share."),
      Column.AGE);

  private EndpointsConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode ep, Instant now) {
    return Arrays.asList(Cells.name(ep), format(ep), Cells.age(ep, now));
  }

  /** formatEndpoints with every port: three {@code ip:port}, then {@code + N more...}. */
  static String format(JsonNode ep) {
    List<JsonNode> subsets = items(ep, "subsets");
    if (subsets.isEmpty()) {
      return Cells.NONE;
    }
    List<String> list = new ArrayList<>();
    boolean more = false;
    int count = 0;
    for (JsonNode ss : subsets) {
      List<JsonNode> addresses = items(ss, "addresses");
      List<JsonNode> ports = items(ss, "ports");
      if (ports.isEmpty()) {
        // A headless service may have no ports: its addresses print bare.
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (list.size() == MAX) {
            more = true;
            break;
          }
          list.add(text(a, "ip"));
        }
        continue;
      }
      for (JsonNode port : ports) {
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (list.size() == MAX) {
            more = true;
            break;
          }
          list.add(joinHostPort(text(a, "ip"), integer(port, "port")));
        }
      }
    }
    String ret = String.join(",", list);
    return more ? ret + " + " + (count - MAX) + " more..." : ret;
  }

  // net.JoinHostPort: an IPv6 address is bracketed.
  private static String joinHostPort(String host, long port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
