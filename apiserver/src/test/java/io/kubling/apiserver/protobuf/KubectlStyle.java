package io.kubling.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubling.apiserver.json.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds bodies the way kubectl's Go code marshals them, and compares decoded JSON exactly. */
final class KubectlStyle {
  private KubectlStyle() {}

  /** k8s\0 and a runtime.Unknown; Go writes contentEncoding and contentType as empty strings. */
  static byte[] envelope(String apiVersion, String kind, Message object) {
    return envelope(Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(object.toByteString()).setContentEncoding("").setContentType("").build());
  }

  static byte[] envelope(Runtime.Unknown unknown) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("k8s\0".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(unknown.toByteArray());
    return out.toByteArray();
  }

  /** ObjectMeta as Go writes it: every non-pointer field, zero or not; the zero time is empty. */
  static Meta.ObjectMeta.Builder meta(String name, String namespace) {
    return Meta.ObjectMeta.newBuilder().setName(name).setGenerateName("").setNamespace(namespace)
        .setSelfLink("").setUid("").setResourceVersion("").setGeneration(0)
        .setCreationTimestamp(Meta.Time.getDefaultInstance());
  }

  static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  /** Same JSON text, field order included, and the same Jackson nodes as parsing it gives. */
  static void assertJson(ObjectNode actual, String expected) {
    ObjectNode want = Json.parseObject(expected.getBytes(StandardCharsets.UTF_8));
    assertThat(Json.string(actual)).isEqualTo(Json.string(want));
    assertThat(actual).isEqualTo(want);
  }

  static void assertDecodes(byte[] body, String expected) {
    assertJson(ProtobufBodies.decode(body), expected);
  }
}
