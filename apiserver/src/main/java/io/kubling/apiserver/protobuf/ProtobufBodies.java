package io.kubling.apiserver.protobuf;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Runtime.Unknown;
import io.kubling.apiserver.json.Json;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes {@code application/vnd.kubernetes.protobuf} request bodies, as kubectl sends them, into
 * the server's objects in Kubernetes' JSON form.
 */
public final class ProtobufBodies {
  public static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBodies() {}

  /** Whether a Content-Type header names Kubernetes' protobuf encoding (parameters ignored). */
  public static boolean isProtobuf(String contentType) {
    return contentType != null
        && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(CONTENT_TYPE);
  }

  /**
   * The object in a body made of the magic {@code k8s\0} and a runtime.Unknown envelope, with
   * the envelope's apiVersion and kind. Anything malformed, or a kind or field the protobuf
   * schema doesn't know, is an IllegalArgumentException that says what.
   */
  public static ObjectNode decode(byte[] body) {
    requireNonNull(body, "body should not be null");
    if (body.length < MAGIC.length
        || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new IllegalArgumentException("not a Kubernetes protobuf envelope");
    }
    Unknown envelope;
    try {
      envelope = Unknown.parser().parseFrom(body, MAGIC.length, body.length - MAGIC.length);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("malformed protobuf envelope: " + e.getMessage(), e);
    }
    // Go writes both as empty strings; anything else means raw is not plain protobuf.
    if (!envelope.getContentEncoding().isEmpty()) {
      throw new IllegalArgumentException(
          "unsupported protobuf contentEncoding: " + envelope.getContentEncoding());
    }
    if (!envelope.getContentType().isEmpty() && !isProtobuf(envelope.getContentType())) {
      throw new IllegalArgumentException(
          "unsupported protobuf contentType: " + envelope.getContentType());
    }
    String apiVersion = envelope.getTypeMeta().getApiVersion();
    String kind = envelope.getTypeMeta().getKind();
    if (kind.isEmpty()) {
      throw new IllegalArgumentException("protobuf envelope has no kind");
    }
    Message prototype = KindRegistry.instance().lookup(apiVersion, kind);
    Message object;
    try {
      object = prototype.getParserForType().parseFrom(envelope.getRaw());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("malformed protobuf " + kind + ": " + e.getMessage(), e);
    }
    ObjectNode json = Json.object();
    json.put("kind", kind);
    json.put("apiVersion", apiVersion);
    json.setAll(MessageJson.object(object, ""));
    return json;
  }
}
