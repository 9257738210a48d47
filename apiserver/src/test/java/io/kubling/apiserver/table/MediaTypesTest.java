package io.kubling.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.apiserver.table.MediaTypes.Negotiated;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {
  private static final String KUBECTL_GET = "application/json;as=Table;v=v1;g=meta.k8s.io,"
      + "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  private static final String JSON = MediaTypes.JSON;
  private static final String YAML = MediaTypes.YAML;
  private static final String PROTOBUF = MediaTypes.PROTOBUF;

  static Stream<Arguments> accepts() {
    return Stream.of(
        Arguments.of(KUBECTL_GET, new Negotiated(JSON, "Table", "v1", null)),
        Arguments.of("application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json",
            new Negotiated(JSON, "Table", "v1beta1", null)),
        Arguments.of(" application/json ; as=Table ; g=meta.k8s.io ; v=v1 ",
            new Negotiated(JSON, "Table", "v1", null)),
        Arguments.of("application/json", new Negotiated(JSON, null, null, null)),
        Arguments.of("application/yaml;as=Table;v=v1;g=meta.k8s.io",
            new Negotiated(YAML, "Table", "v1", null)),
        // no Table in protobuf: the next clause wins
        Arguments.of("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,"
            + "application/json", new Negotiated(JSON, null, null, null)),
        Arguments.of("application/vnd.kubernetes.protobuf,application/json",
            new Negotiated(PROTOBUF, null, null, null)),
        Arguments.of("application/json;as=Widget;v=v1;g=meta.k8s.io,application/json",
            new Negotiated(JSON, null, null, null)),
        Arguments.of("application/json;as=Table;v=v1;g=example.com,application/json",
            new Negotiated(JSON, null, null, null)),
        Arguments.of("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io",
            new Negotiated(JSON, "PartialObjectMetadataList", "v1", null)),
        Arguments.of("*/*", new Negotiated(JSON, null, null, null)),
        Arguments.of("*", new Negotiated(JSON, null, null, null)),
        Arguments.of("application/*;as=Table;v=v1;g=meta.k8s.io",
            new Negotiated(JSON, "Table", "v1", null)),
        Arguments.of("application/json;q=0.5,application/yaml",
            new Negotiated(YAML, null, null, null)),
        Arguments.of("*/*;q=0.8,application/yaml;charset=utf-8",
            new Negotiated(YAML, null, null, null)),
        Arguments.of("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.9,application/yaml",
            new Negotiated(YAML, null, null, null)),
        Arguments.of("application/json;stream=watch", new Negotiated(JSON, null, null, "watch")),
        Arguments.of("application/json;as=Table;v=v1;g=meta.k8s.io;stream=watch",
            new Negotiated(JSON, "Table", "v1", "watch")),
        Arguments.of("text/html,application/json", new Negotiated(JSON, null, null, null)));
  }

  @ParameterizedTest
  @MethodSource("accepts")
  void negotiates(String accept, Negotiated expected) {
    assertThat(MediaTypes.negotiate(accept)).contains(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noHeaderIsJson(String accept) {
    assertThat(MediaTypes.negotiate(accept)).contains(new Negotiated(JSON, null, null, null));
    assertThat(MediaTypes.wantsTable(accept)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "text/html",
      "application/json;as=Table;v=v2;g=meta.k8s.io",
      "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList",
      "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io",
      "application/yaml;stream=watch",
      "application/json;stream=events",
      "application/json;q=0",
      "application"})
  void nothingAcceptableIsA406(String accept) {
    assertThat(MediaTypes.negotiate(accept)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      KUBECTL_GET + "|true",
      "application/json|false",
      "application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io|false",
      "text/html|false"})
  void wantsTable(String accept, boolean expected) {
    assertThat(MediaTypes.wantsTable(accept)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "null,METADATA", "'',METADATA", "Metadata,METADATA", "None,NONE", "Object,OBJECT"})
  void includeObject(String query, IncludeObject expected) {
    assertThat(IncludeObject.parse(query)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"object", "All", " None"})
  void unknownIncludeObjectIsRefused(String query) {
    assertThatThrownBy(() -> IncludeObject.parse(query))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("includeObject: Unsupported value: \"" + query
            + "\": supported values: \"Metadata\", \"None\", \"Object\"");
  }
}
