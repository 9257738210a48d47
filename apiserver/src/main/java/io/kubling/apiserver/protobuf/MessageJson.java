package io.kubling.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubling.apiserver.json.Json;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Turns a decoded k8s.io/api message into the JSON that Kubernetes' Go types marshal it to:
 * fields in schema order, int64 as numbers, bytes as base64, maps as objects with sorted keys,
 * empty lists and unset fields left out, and the Go-only rules of {@link GoJsonFields}.
 */
final class MessageJson {
  private static final GoJsonFields GO = GoJsonFields.INSTANCE;

  private MessageJson() {}

  /** The fields of a message as a JSON object; path names it in errors ("" for the top). */
  static ObjectNode object(Message m, String path) {
    if (!m.getUnknownFields().asMap().isEmpty()) {
      // A newer client's field this schema lacks: refuse it rather than drop it silently.
      throw new IllegalArgumentException("unsupported protobuf field number "
          + m.getUnknownFields().asMap().keySet().iterator().next() + " in "
          + (path.isEmpty() ? "the object" : path) + " (" + m.getDescriptorForType().getFullName()
          + ")");
    }
    ObjectNode out = Json.object();
    for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
      GoJsonFields.Rule rule = GO.rule(f);
      String name = GO.jsonName(f);
      String at = path.isEmpty() ? name : path + "." + name;
      if (f.isRepeated()) {
        if (m.getRepeatedFieldCount(f) > 0) {
          out.set(name, f.isMapField() ? map(m, f, at) : list(m, f, at));
        }
      } else if (m.hasField(f)) {
        Object v = m.getField(f);
        if (rule.inline()) {
          out.setAll(object((Message) v, path));
        } else if (!(rule.omitEmpty() && isZero(v))) {
          out.set(name, value(f, v, at));
        }
      }
    }
    return out;
  }

  private static ArrayNode list(Message m, FieldDescriptor f, String path) {
    ArrayNode out = Json.NODES.arrayNode();
    for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
      out.add(value(f, m.getRepeatedField(f, i), path + "[" + i + "]"));
    }
    return out;
  }

  /** Go sorts map keys; the last of repeated keys wins, as in Go's decoding. */
  private static ObjectNode map(Message m, FieldDescriptor f, String path) {
    FieldDescriptor key = f.getMessageType().findFieldByNumber(1);
    FieldDescriptor value = f.getMessageType().findFieldByNumber(2);
    Map<String, JsonNode> entries = new TreeMap<>();
    for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
      Message entry = (Message) m.getRepeatedField(f, i);
      String k = String.valueOf(entry.getField(key));
      entries.put(k, value(value, entry.getField(value), path + "[" + k + "]"));
    }
    ObjectNode out = Json.object();
    out.setAll(entries);
    return out;
  }

  private static JsonNode value(FieldDescriptor f, Object v, String path) {
    return switch (f.getJavaType()) {
      case MESSAGE -> message((Message) v, path);
      case STRING -> Json.NODES.textNode((String) v);
      case INT -> Json.NODES.numberNode((Integer) v);
      case LONG -> number((Long) v);
      case BOOLEAN -> Json.NODES.booleanNode((Boolean) v);
      case FLOAT, DOUBLE -> number(((Number) v).doubleValue());
      case BYTE_STRING ->
          Json.NODES.textNode(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM ->
          throw new IllegalArgumentException(path + ": unsupported enum " + f.getFullName());
    };
  }

  private static JsonNode message(Message m, String path) {
    BiFunction<Message, String, JsonNode> special = SpecialTypes.of(m);
    if (special != null) {
      return special.apply(m, path);
    }
    if (GO.isSlice(m.getDescriptorForType())) {
      FieldDescriptor items = m.getDescriptorForType().getFields().get(0);
      // A Go nil slice, which is what an empty one decodes to, is null.
      return m.getRepeatedFieldCount(items) == 0 ? NullNode.getInstance() : list(m, items, path);
    }
    return object(m, path);
  }

  /** The node Json.parseObject makes of Go's text for the number: the smallest that holds it. */
  private static JsonNode number(long v) {
    return v == (int) v ? Json.NODES.numberNode((int) v) : Json.NODES.numberNode(v);
  }

  private static JsonNode number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return number((long) v); // Go writes integral floats without a point
    }
    return Json.NODES.numberNode(BigDecimal.valueOf(v));
  }

  private static boolean isZero(Object v) {
    if (v instanceof String s) {
      return s.isEmpty();
    }
    if (v instanceof Number n) {
      return n.doubleValue() == 0;
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    return v instanceof ByteString b && b.isEmpty();
  }
}
