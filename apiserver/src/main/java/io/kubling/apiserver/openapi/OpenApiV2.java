package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.CodedOutputStream;
import io.kubling.apiserver.Version;
import io.kubling.apiserver.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The OpenAPI v2 document at {@code /openapi/v2}, JSON and gnostic protobuf, derived from the
 * v3 documents: paths, operations, their parameters and {@code x-kubernetes-*} extensions,
 * but no definitions. kubectl 1.27 and 1.28 download it before create -f, apply, replace
 * and edit and fail without it; they learn from v3 that the server validates fields, and
 * use their compiled-in types where they would look up definitions.
 */
public final class OpenApiV2 {
  /** The protobuf media type kubectl asks for. */
  public static final String PROTOBUF =
      "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
  /** gnostic openapi_v2.PathItem field numbers of the operations. */
  private static final Map<String, Integer> OPERATIONS =
      Map.of("get", 2, "put", 3, "post", 4, "delete", 5, "patch", 8);

  private final byte[] json;
  private final byte[] protobuf;

  public OpenApiV2(OpenApiV3 v3) {
    ObjectNode paths = Json.object();
    ProtoWriter protoPaths = new ProtoWriter();
    for (OpenApiV3.Document d : v3.documents()) {
      Json.parseObject(d.json()).path("paths").fields().forEachRemaining(e -> {
        paths.set(e.getKey(), pathItem(e.getValue()));
        protoPaths.message(2, new ProtoWriter().string(1, e.getKey())
            .message(2, protoPathItem(e.getValue())));
      });
    }
    ObjectNode doc = Json.object();
    doc.put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", Version.GIT_VERSION);
    doc.set("paths", paths);
    this.json = Json.bytes(doc);
    this.protobuf = new ProtoWriter().string(1, "2.0")
        .message(2, new ProtoWriter().string(1, "Kubernetes").string(2, Version.GIT_VERSION))
        .message(8, protoPaths).bytes();
  }

  public byte[] json() {
    return json.clone();
  }

  public byte[] protobuf() {
    return protobuf.clone();
  }

  private static ObjectNode pathItem(JsonNode v3) {
    ObjectNode item = Json.object();
    item.set("parameters", parameters(v3.path("parameters")));
    v3.fields().forEachRemaining(e -> {
      if (OPERATIONS.containsKey(e.getKey())) {
        JsonNode op = e.getValue();
        ObjectNode o = item.putObject(e.getKey());
        o.put("description", op.path("description").asText());
        o.put("operationId", op.path("operationId").asText());
        o.set("parameters", parameters(op.path("parameters")));
        o.put("x-kubernetes-action", op.path("x-kubernetes-action").asText());
        o.set("x-kubernetes-group-version-kind", op.path("x-kubernetes-group-version-kind"));
      }
    });
    return item;
  }

  /** v3 parameters carry a schema; v2 ones carry its type inline. */
  private static ArrayNode parameters(JsonNode v3) {
    ArrayNode out = Json.NODES.arrayNode();
    v3.forEach(p -> {
      ObjectNode q = out.addObject();
      q.put("description", p.path("description").asText());
      q.put("in", p.path("in").asText());
      q.put("name", p.path("name").asText());
      if (p.path("required").asBoolean()) {
        q.put("required", true);
      }
      q.put("type", p.path("schema").path("type").asText());
      q.put("uniqueItems", true);
    });
    return out;
  }

  private static ProtoWriter protoPathItem(JsonNode v3) {
    ProtoWriter item = new ProtoWriter();
    v3.fields().forEachRemaining(e -> {
      Integer field = OPERATIONS.get(e.getKey());
      if (field != null) {
        JsonNode op = e.getValue();
        ProtoWriter o = new ProtoWriter().string(3, op.path("description").asText())
            .string(5, op.path("operationId").asText());
        op.path("parameters").forEach(p -> o.message(8, protoParameter(p)));
        JsonNode gvk = op.path("x-kubernetes-group-version-kind");
        o.message(13, extension("x-kubernetes-action",
            op.path("x-kubernetes-action").asText() + "\n"));
        o.message(13, extension("x-kubernetes-group-version-kind",
            "group: " + yamlString(gvk.path("group").asText()) + "\nkind: "
                + gvk.path("kind").asText() + "\nversion: " + gvk.path("version").asText()
                + "\n"));
        item.message(field, o);
      }
    });
    v3.path("parameters").forEach(p -> item.message(9, protoParameter(p)));
    return item;
  }

  /** ParametersItem{parameter: Parameter{non_body_parameter: NonBodyParameter{…}}}. */
  private static ProtoWriter protoParameter(JsonNode p) {
    boolean path = "path".equals(p.path("in").asText());
    // PathParameterSubSchema and QueryParameterSubSchema number type and uniqueItems apart.
    ProtoWriter sub = new ProtoWriter().bool(1, p.path("required").asBoolean())
        .string(2, p.path("in").asText()).string(3, p.path("description").asText())
        .string(4, p.path("name").asText())
        .string(path ? 5 : 6, p.path("schema").path("type").asText())
        .bool(path ? 19 : 20, true);
    return new ProtoWriter().message(1,
        new ProtoWriter().message(2, new ProtoWriter().message(path ? 4 : 3, sub)));
  }

  /** NamedAny{name, value: Any{yaml}}: gnostic keeps extension values as YAML text. */
  private static ProtoWriter extension(String name, String yaml) {
    return new ProtoWriter().string(1, name).message(2, new ProtoWriter().string(2, yaml));
  }

  private static String yamlString(String s) {
    return s.isEmpty() ? "\"\"" : s;
  }

  /** Just enough of the protobuf wire format for this document. */
  private static final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CodedOutputStream c = CodedOutputStream.newInstance(out);

    ProtoWriter string(int field, String s) {
      return write(() -> {
        if (!s.isEmpty()) {
          c.writeString(field, s);
        }
      });
    }

    ProtoWriter bool(int field, boolean b) {
      return write(() -> {
        if (b) {
          c.writeBool(field, true);
        }
      });
    }

    /** An embedded message is length-delimited, as bytes are. */
    ProtoWriter message(int field, ProtoWriter m) {
      return write(() -> c.writeByteArray(field, m.bytes()));
    }

    byte[] bytes() {
      write(c::flush);
      return out.toByteArray();
    }

    private interface Write {
      void run() throws IOException;
    }

    private ProtoWriter write(Write w) {
      try {
        w.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }
  }
}
