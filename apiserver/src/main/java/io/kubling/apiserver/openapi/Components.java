package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubling.apiserver.json.Json;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns protobuf message descriptors into OpenAPI v3 component schemas shaped as
 * Kubernetes publishes them: named {@code io.k8s.api.core.v1.Pod}, fields by their JSON
 * names, other messages by {@code $ref}, and the types with custom JSON (Time, Quantity,
 * IntOrString, RawExtension...) described by their JSON form.
 */
final class Components {
  static final String REF_PREFIX = "#/components/schemas/";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  private Components() {}

  /** io.k8s.api.core.v1.Pod for k8s.io.api.core.v1.Pod. */
  static String name(Descriptor d) {
    String full = d.getFullName();
    return full.startsWith("k8s.io.") ? "io.k8s." + full.substring("k8s.io.".length()) : full;
  }

  static SortedMap<String, ObjectNode> build() {
    SortedMap<String, ObjectNode> out = new TreeMap<>();
    for (FileDescriptor f : ProtoFiles.allFiles()) {
      for (Descriptor d : f.getMessageTypes()) {
        out.put(name(d), special(name(d)) != null ? special(name(d)) : message(d));
      }
    }
    return out;
  }

  /** The types whose JSON is not their protobuf shape, as Kubernetes' OpenAPI gives them. */
  private static ObjectNode special(String name) {
    return switch (name) {
      case META + "Time", META + "MicroTime" ->
          Json.object().put("type", "string").put("format", "date-time");
      case META + "Duration" -> Json.object().put("type", "string");
      case META + "Patch" -> Json.object().put("type", "object");
      case META + "FieldsV1", "io.k8s.apimachinery.pkg.runtime.RawExtension" ->
          Json.object().put("type", "object").put("x-kubernetes-preserve-unknown-fields", true);
      case "io.k8s.apimachinery.pkg.util.intstr.IntOrString" -> {
        ObjectNode s = Json.object().put("format", "int-or-string");
        s.putArray("oneOf").add(type("integer")).add(type("string"));
        yield s.put("x-kubernetes-int-or-string", true);
      }
      case "io.k8s.apimachinery.pkg.api.resource.Quantity",
          "io.k8s.apimachinery.pkg.api.resource.QuantityValue" -> {
        ObjectNode s = Json.object();
        s.putArray("oneOf").add(type("string")).add(type("number"));
        yield s;
      }
      default -> null;
    };
  }

  private static ObjectNode message(Descriptor d) {
    Map<String, ObjectNode> props = new TreeMap<>();
    fields(d, props);
    var gvk = ProtoFiles.kindOf(d);
    if (gvk.isPresent()) {
      props.put("apiVersion", type("string"));
      props.put("kind", type("string"));
    }
    ObjectNode s = Json.object();
    props.forEach(s.putObject("properties")::set);
    s.put("type", "object");
    gvk.ifPresent(k -> s.putArray("x-kubernetes-group-version-kind").addObject()
        .put("group", k.group()).put("kind", k.kind()).put("version", k.version()));
    return s;
  }

  private static void fields(Descriptor d, Map<String, ObjectNode> props) {
    for (FieldDescriptor f : d.getFields()) {
      if (StructTags.inline(d.getFullName(), f.getName())) {
        fields(f.getMessageType(), props);
      } else {
        props.put(f.getName(), property(d, f));
      }
    }
  }

  private static ObjectNode property(Descriptor d, FieldDescriptor f) {
    ObjectNode p;
    if (f.isMapField()) {
      p = Json.object();
      p.set("additionalProperties", value(f.getMessageType().findFieldByName("value")));
      p.put("type", "object");
    } else if (f.isRepeated()) {
      p = Json.object();
      p.set("items", value(f));
      p.put("type", "array");
    } else {
      p = value(f);
    }
    StructTags.Patch patch = StructTags.patch(d.getFullName(), f.getName());
    if (patch != null) {
      if (p.has("$ref")) { // siblings of $ref are ignored in OpenAPI 3.0: wrap it
        ObjectNode ref = p;
        p = Json.object();
        p.putArray("allOf").add(ref);
      }
      if (patch.mergeKey() != null) {
        p.put("x-kubernetes-patch-merge-key", patch.mergeKey());
      }
      p.put("x-kubernetes-patch-strategy", patch.strategy());
    }
    return p;
  }

  private static ObjectNode value(FieldDescriptor f) {
    return switch (f.getType()) {
      case STRING, ENUM -> type("string");
      case BOOL -> type("boolean");
      case BYTES -> type("string").put("format", "byte");
      case INT32, SINT32, SFIXED32, UINT32, FIXED32 -> type("integer").put("format", "int32");
      case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> type("integer").put("format", "int64");
      case DOUBLE -> type("number").put("format", "double");
      case FLOAT -> type("number").put("format", "float");
      case MESSAGE, GROUP -> Json.object().put("$ref", REF_PREFIX + name(f.getMessageType()));
    };
  }

  private static ObjectNode type(String type) {
    return Json.object().put("type", type);
  }
}
