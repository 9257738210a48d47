package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Cells.integer;
import static io.kubling.apiserver.table.Cells.text;
import static io.kubling.apiserver.table.Cells.timestamp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Core Events: Last Seen, Type, Reason, Object, Message (+ Subobject, Source, First Seen, Count,
 * Name), in the order the server sends them: wide ones interleaved.
 */
final class EventConvertor implements TableConvertor {
  static final EventConvertor INSTANCE = new EventConvertor();

  private static final List<Column> COLUMNS = List.of(
      Column.string("Last Seen", "The time at which the most recent occurrence of this event"
          + " was recorded."),
      Column.string("Type", "Type of this event (Normal, Warning), new types could be added in"
          + " the future"),
      Column.string("Reason", "This should be a short, machine understandable string that"
          + " gives the reason for the transition into the object's current status."),
      Column.string("Object", "The object that this event is about."),
      Column.wide("Subobject", "If referring to a piece of an object instead of an entire"
          + " object, this string should contain a valid JSON/Go field access statement, such as"
          + " desiredState.manifest.containers[2]."),
      Column.wide("Source", "The component reporting this event. Should be a short machine"
          + " understandable string."),
      Column.string("Message", "A human-readable description of the status of this"
          + " operation."),
      Column.wide("First Seen", "The time at which the event was first recorded. (Time of"
          + " server receipt is in TypeMeta.)"),
      Column.wide("Count", "The number of times this event has occurred."),
      new Column("Name", "string", "name", Column.NAME_DOC, 1));

  private EventConvertor() {}

  @Override
  public List<Column> columns() {
    return COLUMNS;
  }

  @Override
  public List<Object> cells(ObjectNode ev, Instant now) {
    Instant first = timestamp(ev, "firstTimestamp");
    String firstSeen = HumanDuration.since(first != null ? first : timestamp(ev, "eventTime"), now);
    Instant last = timestamp(ev, "lastTimestamp");
    String lastSeen = last != null ? HumanDuration.since(last, now) : firstSeen;
    long count = integer(ev, "count");
    JsonNode series = Json.at(ev, "series");
    if (series != null) {
      lastSeen = HumanDuration.since(timestamp(series, "lastObservedTime"), now);
      count = integer(series, "count");
    } else if (count == 0) {
      count = 1; // singleton events of the events.k8s.io API carry no count
    }
    return Arrays.asList(lastSeen, text(ev, "type"), text(ev, "reason"), target(ev),
        text(ev, "involvedObject", "fieldPath"), source(ev), text(ev, "message").strip(),
        firstSeen, count, Cells.name(ev));
  }

  /** {@code pod/web-1}: the involved object's kind, lower-cased, and name. */
  static String target(JsonNode ev) {
    String kind = text(ev, "involvedObject", "kind").toLowerCase(Locale.ROOT);
    String name = text(ev, "involvedObject", "name");
    return name.isEmpty() ? kind : kind + "/" + name;
  }

  /** formatEventSource: component (or reportingComponent), then {@code , host} if any. */
  static String source(JsonNode ev) {
    String component = firstNonEmpty(text(ev, "source", "component"),
        text(ev, "reportingComponent"));
    String instance = firstNonEmpty(text(ev, "source", "host"), text(ev, "reportingInstance"));
    return instance.isEmpty() ? component : component + ", " + instance;
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
