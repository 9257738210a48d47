package io.kubling.apiserver.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceVersionSpliceTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"metadata\":{\"name\":\"a\"}}|{\"metadata\":{\"resourceVersion\":\"7\",\"name\":\"a\"}}",
      "{\"metadata\":{}}|{\"metadata\":{\"resourceVersion\":\"7\"}}",
      "{\"kind\":\"X\",\"spec\":{\"metadata\":{\"x\":1}},\"metadata\":{\"name\":\"b\"}}"
          + "|{\"kind\":\"X\",\"spec\":{\"metadata\":{\"x\":1}},\"metadata\":{\"resourceVersion\":\"7\",\"name\":\"b\"}}",
      "{\"data\":{\"k\":\"\\\"metadata\\\":{\"},\"metadata\":{\"name\":\"c\"}}"
          + "|{\"data\":{\"k\":\"\\\"metadata\\\":{\"},\"metadata\":{\"resourceVersion\":\"7\",\"name\":\"c\"}}",
      "{ \"metadata\" : { \"name\":\"d\"} }|{ \"metadata\" : {\"resourceVersion\":\"7\", \"name\":\"d\"} }",
  })
  void splicesIntoTheTopLevelMetadataOnly(String in, String out) throws Exception {
    byte[] spliced = ResourceVersionSplice.splice(in.getBytes(StandardCharsets.UTF_8), 7);
    assertThat(new String(spliced, StandardCharsets.UTF_8)).isEqualTo(out);
    assertThat(Json.MAPPER.readTree(spliced).at("/metadata/resourceVersion").asText())
        .isEqualTo("7");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"{\"spec\":{\"metadata\":{}}}", "{\"metadata\":null}",
      "[1,2]"})
  void answersNullWithoutATopLevelMetadataObject(String in) {
    assertThat(ResourceVersionSplice.splice(in.getBytes(StandardCharsets.UTF_8), 7)).isNull();
  }
}
