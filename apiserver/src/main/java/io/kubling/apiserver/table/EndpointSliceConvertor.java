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

/** EndpointSlices: Name, AddressType, Ports, Endpoints, Age. */
final class EndpointSliceConvertor implements TableConvertor {
  static final EndpointSliceConvertor INSTANCE = new EndpointSliceConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.NAME,
      Column.string("AddressType", "addressType specifies the type of address carried by this"
          + " EndpointSlice. All addresses in this slice must be the same type."),
      Column.string("Ports", "ports specifies the list of network ports exposed by each"
          + " endpoint in this slice."),
      Column.string("Endpoints", "endpoints is a list of unique endpoints in this slice."),
      Column.AGE);

  private EndpointSliceConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode slice, Instant now) {
    return Arrays.asList(Cells.name(slice), text(slice, "addressType"), ports(slice),
        endpoints(slice), Cells.age(slice, now));
  }

  /** formatDiscoveryPorts: the port number, else its name, else {@code *}. */
  static String ports(JsonNode slice) {
    List<String> all = new ArrayList<>();
    for (JsonNode p : items(slice, "ports")) {
      JsonNode port = Json.at(p, "port");
      String name = Json.text(p, "name");
      all.add(port != null ? Long.toString(port.asLong()) : name != null ? name : "*");
    }
    return Cells.listWithMore(all);
  }

  static String endpoints(JsonNode slice) {
    List<String> all = new ArrayList<>();
    for (JsonNode e : items(slice, "endpoints")) {
      items(e, "addresses").forEach(a -> all.add(a.asText()));
    }
    return Cells.listWithMore(all);
  }
}
