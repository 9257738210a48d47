package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.updateErrors;
import static io.kubling.apiserver.strategy.Flow.updated;
import static io.kubling.apiserver.validation.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigMapAndSecretStrategyTest {
  static final ConfigMapStrategy CM = ConfigMapStrategy.INSTANCE;
  static final SecretStrategy SECRET = SecretStrategy.INSTANCE;
  static final String KEY_MSG = "a valid config key must consist of alphanumeric characters,"
      + " '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for"
      + " validation is '[-._a-zA-Z0-9]+')";
  static final String FROZEN = "Forbidden: field is immutable when `immutable` is set";

  static String obj(String body) {
    return "{'metadata':{'name':'c','namespace':'default'}" + body + "}";
  }

  static Stream<Arguments> base64() {
    return Stream.of(
        Arguments.of("aGVsbG8=", null), Arguments.of("aGVs\nbG8=", null), Arguments.of("", null),
        Arguments.of("abc", "illegal base64 data at input byte 0"),
        Arguments.of("YWJj!", "illegal base64 data at input byte 4"),
        Arguments.of("YQ=", "illegal base64 data at input byte 3"),
        Arguments.of("Y===", "illegal base64 data at input byte 1"),
        Arguments.of("YQ==YQ==", "illegal base64 data at input byte 4"));
  }

  @ParameterizedTest
  @MethodSource("base64")
  void base64ErrorsNameTheByteAsGoDoes(String text, String error) {
    assertThat(Base64s.error(text)).isEqualTo(error);
  }

  static Stream<Arguments> invalidConfigMaps() {
    return Stream.of(
        Arguments.of(",'data':{'app.properties':'a=1','KEY_1':'x'}", List.of()),
        Arguments.of(",'data':{'a b':'x'}", List.of("data[a b]: Invalid value: \"a b\": "
            + KEY_MSG)),
        Arguments.of(",'data':{'..a':'x'}", List.of("data[..a]: Invalid value: \"..a\": must"
            + " not start with '..'")),
        Arguments.of(",'data':{'n':1}", List.of("data[n]: Invalid value: 1: must be of type"
            + " string")),
        Arguments.of(",'binaryData':{'b':'abc'}", List.of("binaryData[b]: Invalid value:"
            + " \"<binary data>\": illegal base64 data at input byte 0")),
        Arguments.of(",'data':{'k':'x'},'binaryData':{'k':'eA=='}", List.of(
            "data[k]: Invalid value: \"k\": duplicate of key present in binaryData",
            "binaryData[k]: Invalid value: \"k\": duplicate of key present in data")));
  }

  @ParameterizedTest
  @MethodSource("invalidConfigMaps")
  void validateConfigMap(String body, List<String> expected) {
    assertThat(createErrors(CM, obj(body))).containsExactlyElementsOf(expected);
  }

  @Test
  void configMapsAreLimitedToOneMebibyte() {
    ObjectNode cm = created(CM, obj(""));
    Json.with(cm, "data").put("big", "x".repeat(1024 * 1024 + 1));
    assertThat(io.kubling.apiserver.validation.Trees.messages(CM.validate(cm)))
        .containsExactly(": Too long: may not be more than 1048576 bytes");
  }

  static Stream<Arguments> immutableUpdates() {
    return Stream.of(
        Arguments.of((Consumer<ObjectNode>) c -> c.put("immutable", true), List.of()),
        Arguments.of((Consumer<ObjectNode>) c -> Json.with(c, "data").put("k", "y"),
            List.of("data: " + FROZEN)),
        Arguments.of((Consumer<ObjectNode>) c -> c.remove("immutable"),
            List.of("immutable: " + FROZEN)));
  }

  @ParameterizedTest
  @MethodSource("immutableUpdates")
  void immutableConfigMapsAndSecretsStayAsTheyAre(Consumer<ObjectNode> edit,
      List<String> expected) {
    assertThat(updateErrors(CM, created(CM, obj(",'immutable':true,'data':{'k':'x'}")), edit))
        .containsExactlyElementsOf(expected);
    assertThat(updateErrors(SECRET, created(SECRET, obj(",'immutable':true,'data':"
        + "{'k':'eA=='}")), edit.andThen(s -> {
          if (s.path("data").path("k").asText().equals("y")) {
            Json.with(s, "data").put("k", "eQ==");
          }
        }))).containsExactlyElementsOf(expected);
  }

  @Test
  void secretsDefaultToOpaqueAndFoldStringDataIntoData() {
    ObjectNode s = created(SECRET, obj(",'data':{'a':'eA==','b':'eQ=='},'stringData':"
        + "{'a':'hello'}"));
    assertThat(s).isEqualTo(json(obj(",'type':'Opaque','data':{'a':'aGVsbG8=','b':'eQ=='}")));
    ObjectNode u = updated(SECRET, s, x -> x.set("stringData", json("{'c':'bye'}")));
    assertThat(u.get("data")).isEqualTo(json("{'a':'aGVsbG8=','b':'eQ==','c':'Ynll'}"));
    assertThat(u.has("stringData")).isFalse();
  }

  static Stream<Arguments> invalidSecrets() {
    return Stream.of(
        Arguments.of(",'data':{'k':'abc'}", List.of("data[k]: Invalid value: \"<secret contents"
            + " redacted>\": illegal base64 data at input byte 0")),
        Arguments.of(",'data':{'a b':''}", List.of("data[a b]: Invalid value: \"a b\": "
            + KEY_MSG)),
        Arguments.of(",'type':'kubernetes.io/tls','data':{}", List.of(
            "data[tls.crt]: Required value", "data[tls.key]: Required value")),
        Arguments.of(",'type':'kubernetes.io/basic-auth'", List.of(
            "data[username]: Required value", "data[password]: Required value")),
        Arguments.of(",'type':'kubernetes.io/basic-auth','data':{'username':''}", List.of()),
        Arguments.of(",'type':'kubernetes.io/ssh-auth','data':{'ssh-privatekey':''}",
            List.of("data[ssh-privatekey]: Required value")),
        Arguments.of(",'type':'kubernetes.io/dockerconfigjson'",
            List.of("data[.dockerconfigjson]: Required value")),
        Arguments.of(",'type':'kubernetes.io/service-account-token'", List.of(
            "metadata.annotations[kubernetes.io/service-account.name]: Required value")));
  }

  @ParameterizedTest
  @MethodSource("invalidSecrets")
  void validateSecret(String body, List<String> expected) {
    assertThat(createErrors(SECRET, obj(body))).containsExactlyElementsOf(expected);
  }

  @Test
  void secretsAreLimitedToOneMebibyteDecoded() {
    ObjectNode s = created(SECRET, obj(""));
    Json.with(s, "data").put("big", Base64s.encode("x".repeat(1024 * 1024 + 1)));
    assertThat(io.kubling.apiserver.validation.Trees.messages(SECRET.validate(s)))
        .containsExactly("data: Too long: may not be more than 1048576 bytes");
  }

  @Test
  void aSecretKeepsItsType() {
    ObjectNode old = created(SECRET, obj(""));
    assertThat(updateErrors(SECRET, old, s -> s.put("type", "kubernetes.io/basic-auth")
        .set("data", json("{'username':'eA=='}"))))
        .containsExactly("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");
  }
}
