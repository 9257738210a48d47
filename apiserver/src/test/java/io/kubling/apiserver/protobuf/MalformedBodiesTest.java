package io.kubling.apiserver.protobuf;

import static io.kubling.apiserver.protobuf.KubectlStyle.envelope;
import static io.kubling.apiserver.protobuf.KubectlStyle.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MalformedBodiesTest {
  private static final byte[] SECRET = envelope("v1", "Secret",
      V1.Secret.newBuilder().setMetadata(meta("s1", "default")).setType("Opaque").build());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "application/vnd.kubernetes.protobuf|true",
      "Application/VND.Kubernetes.Protobuf ; charset=binary|true",
      "application/json|false",
      "application/vnd.kubernetes.protobuf+json|false",
      "''|false"})
  void isProtobuf(String contentType, boolean expected) {
    assertThat(ProtobufBodies.isProtobuf(contentType)).isEqualTo(expected);
  }

  @Test
  void nullContentTypeIsNotProtobuf() {
    assertThat(ProtobufBodies.isProtobuf(null)).isFalse();
  }

  @Test
  void badMagic() {
    byte[] body = SECRET.clone();
    body[3] = 1;
    for (byte[] b : new byte[][] {body, new byte[0], "k8s".getBytes(StandardCharsets.UTF_8),
        "{\"kind\":\"Secret\"}".getBytes(StandardCharsets.UTF_8)}) {
      assertThatThrownBy(() -> ProtobufBodies.decode(b))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not a Kubernetes protobuf envelope");
    }
  }

  @Test
  void truncatedEnvelopeOrObject() {
    assertThatThrownBy(() -> ProtobufBodies.decode(Arrays.copyOf(SECRET, 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed protobuf envelope");
    byte[] raw = V1.Secret.newBuilder().setMetadata(meta("s1", "default")).build().toByteArray();
    byte[] cut = envelope(unknown("v1", "Secret", ByteString.copyFrom(raw, 0, raw.length - 3)));
    assertThatThrownBy(() -> ProtobufBodies.decode(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("malformed protobuf Secret");
  }

  @Test
  void unknownKindIsNamed() {
    byte[] body = envelope(unknown("example.com/v1", "Widget", ByteString.EMPTY));
    assertThatThrownBy(() -> ProtobufBodies.decode(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no protobuf schema for kind Widget in example.com/v1");
    assertThatThrownBy(() -> ProtobufBodies.decode(envelope(unknown("v1", "", ByteString.EMPTY))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("protobuf envelope has no kind");
  }

  @Test
  void fieldNewerThanTheSchemaIsRefusedByPathNotDropped() {
    // PodSpec.resources (field 40) arrived in Kubernetes 1.32, after client-java-proto's schema.
    V1.PodSpec spec = V1.PodSpec.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder()
        .addField(40, UnknownFieldSet.Field.newBuilder()
            .addLengthDelimited(ByteString.EMPTY).build()).build()).build();
    byte[] body = envelope("v1", "Pod", V1.Pod.newBuilder().setMetadata(meta("p", "default"))
        .setSpec(spec).build());
    assertThatThrownBy(() -> ProtobufBodies.decode(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported protobuf field number 40 in spec (k8s.io.api.core.v1.PodSpec)");
  }

  @Test
  void encodedOrForeignRawIsRefused() {
    byte[] gzip = envelope(unknown("v1", "Secret", ByteString.EMPTY).toBuilder()
        .setContentEncoding("gzip").build());
    assertThatThrownBy(() -> ProtobufBodies.decode(gzip))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported protobuf contentEncoding: gzip");
    byte[] json = envelope(unknown("v1", "Secret", ByteString.copyFromUtf8("{}")).toBuilder()
        .setContentType("application/json").build());
    assertThatThrownBy(() -> ProtobufBodies.decode(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unsupported protobuf contentType: application/json");
  }

  @Test
  void rawExtensionThatIsNotJson() {
    byte[] body = envelope("apps/v1", "ControllerRevision", V1Apps.ControllerRevision.newBuilder()
        .setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{not json")))
        .build());
    assertThatThrownBy(() -> ProtobufBodies.decode(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("data: embedded object is not JSON");
  }

  private static Runtime.Unknown unknown(String apiVersion, String kind, ByteString raw) {
    return Runtime.Unknown.newBuilder()
        .setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
        .setRaw(raw).setContentEncoding("").setContentType("").build();
  }
}
