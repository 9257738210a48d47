package io.kubling.apiserver.protobuf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The apimachinery types whose Go JSON is not their protobuf fields: Time, MicroTime, Duration,
 * IntOrString, Quantity, RawExtension and FieldsV1.
 */
final class SpecialTypes {
  private static final DateTimeFormatter RFC3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter RFC3339_MICRO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private static final Map<String, BiFunction<Message, String, JsonNode>> BY_MESSAGE = Map.of(
      Meta.Time.getDescriptor().getFullName(), (m, path) -> time(m, RFC3339),
      Meta.MicroTime.getDescriptor().getFullName(), (m, path) -> time(m, RFC3339_MICRO),
      Meta.Duration.getDescriptor().getFullName(),
      (m, path) -> Json.NODES.textNode(GoDuration.format(((Meta.Duration) m).getDuration())),
      IntStr.IntOrString.getDescriptor().getFullName(), SpecialTypes::intOrString,
      Resource.Quantity.getDescriptor().getFullName(),
      (m, path) -> Json.NODES.textNode(((Resource.Quantity) m).hasString()
          ? ((Resource.Quantity) m).getString() : "0"),
      Runtime.RawExtension.getDescriptor().getFullName(),
      (m, path) -> embedded(((Runtime.RawExtension) m).getRaw(), path),
      Meta.FieldsV1.getDescriptor().getFullName(),
      (m, path) -> embedded(((Meta.FieldsV1) m).getRaw(), path));

  private SpecialTypes() {}

  /** The converter for a message type, or null when its fields are its JSON. */
  static BiFunction<Message, String, JsonNode> of(Message m) {
    return BY_MESSAGE.get(m.getDescriptorForType().getFullName());
  }

  /** Go marshals its zero time, which protobuf carries as an empty message, as null. */
  private static JsonNode time(Message m, DateTimeFormatter format) {
    FieldDescriptor seconds = m.getDescriptorForType().findFieldByName("seconds");
    FieldDescriptor nanos = m.getDescriptorForType().findFieldByName("nanos");
    if (!m.hasField(seconds) && !m.hasField(nanos)) {
      return NullNode.getInstance();
    }
    Instant t = Instant.ofEpochSecond((Long) m.getField(seconds), (Integer) m.getField(nanos));
    return Json.NODES.textNode(format.format(t));
  }

  private static JsonNode intOrString(Message m, String path) {
    IntStr.IntOrString v = (IntStr.IntOrString) m;
    if (v.getType() == 0) {
      return Json.NODES.numberNode(v.getIntVal());
    }
    if (v.getType() == 1) {
      return Json.NODES.textNode(v.getStrVal());
    }
    throw new IllegalArgumentException(path + ": impossible IntOrString type " + v.getType());
  }

  /** Raw JSON carried as bytes; Go writes its nil as null. */
  private static JsonNode embedded(ByteString raw, String path) {
    if (raw.isEmpty()) {
      return NullNode.getInstance();
    }
    try {
      return Json.MAPPER.readTree(raw.toByteArray());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(path + ": embedded object is not JSON", e);
    }
  }
}
