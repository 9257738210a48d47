package io.kubling.apiserver.validation;

import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataValidationTest {
  static Stream<Arguments> creates() {
    return Stream.of(
        Arguments.of("valid", "{'metadata':{'name':'web','namespace':'default',"
            + "'labels':{'app':'web'},'annotations':{'Example.com/Note':'x'}}}",
            NameRule.DNS1123_SUBDOMAIN, List.of()),
        Arguments.of("no name", "{'metadata':{}}", NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.name: Required value: name or generateName is required")),
        Arguments.of("generateName only", "{'metadata':{'generateName':'web-'}}",
            NameRule.DNS1123_SUBDOMAIN, List.of()),
        Arguments.of("bad generateName", "{'metadata':{'generateName':'Web-'}}",
            NameRule.DNS1123_SUBDOMAIN, List.of("metadata.generateName: Invalid value: \"Web-\": "
                + NamesTest.SUBDOMAIN)),
        Arguments.of("bad subdomain name", "{'metadata':{'name':'Web'}}",
            NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.name: Invalid value: \"Web\": " + NamesTest.SUBDOMAIN)),
        Arguments.of("label rule refuses dots", "{'metadata':{'name':'a.b'}}",
            NameRule.DNS1123_LABEL,
            List.of("metadata.name: Invalid value: \"a.b\": must not contain dots")),
        Arguments.of("bad namespace", "{'metadata':{'name':'a','namespace':'a.b'}}",
            NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.namespace: Invalid value: \"a.b\": must not contain dots")),
        Arguments.of("bad label key", "{'metadata':{'name':'a','labels':{'app-':'x'}}}",
            NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.labels: Invalid value: \"app-\": " + NamesTest.KEY_NAME)),
        Arguments.of("bad label value", "{'metadata':{'name':'a','labels':{'app':'a b'}}}",
            NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.labels: Invalid value: \"a b\": " + NamesTest.VALUE)),
        Arguments.of("label value not a string", "{'metadata':{'name':'a','labels':{'n':1}}}",
            NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.labels.n: Invalid value: 1: must be of type string")),
        Arguments.of("bad annotation key", "{'metadata':{'name':'a','annotations':{'a b':''}}}",
            NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.annotations: Invalid value: \"a b\": " + NamesTest.KEY_NAME)),
        Arguments.of("bad finalizer", "{'metadata':{'name':'a','finalizers':['a/b/c']}}",
            NameRule.DNS1123_SUBDOMAIN, List.of("metadata.finalizers: Invalid value: \"a/b/c\":"
                + " a valid label key must consist of alphanumeric characters, '-', '_' or '.',"
                + " and must start and end with an alphanumeric character (e.g. 'MyName',  or"
                + " 'my.name',  or '123-abc', regex used for validation is"
                + " '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain"
                + " prefix and '/' (e.g. 'example.com/MyName')")),
        Arguments.of("owner reference without uid", "{'metadata':{'name':'a','ownerReferences':"
            + "[{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'rs'}]}}",
            NameRule.DNS1123_SUBDOMAIN,
            List.of("metadata.ownerReferences.uid: Invalid value: \"\": must not be empty")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("creates")
  void validateCreate(String name, String obj, NameRule rule, List<String> expected) {
    assertThat(messages(MetadataValidation.validateCreate(json(obj), true, rule)))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void annotationsAreLimitedTo256KiBInTotal() {
    ObjectNode obj = json("{'metadata':{'name':'a'}}");
    Json.with(obj, "metadata", "annotations").put("a", "x".repeat(256 * 1024));
    assertThat(messages(MetadataValidation.validateCreate(obj, true,
        NameRule.DNS1123_SUBDOMAIN)))
        .containsExactly("metadata.annotations: Too long: may not be more than 262144 bytes");
    Json.with(obj, "metadata", "annotations").put("a", "x".repeat(256 * 1024 - 1));
    assertThat(MetadataValidation.validateCreate(obj, true, NameRule.DNS1123_SUBDOMAIN))
        .isEmpty();
  }

  static final String OLD = "{'metadata':{'name':'web','namespace':'default','uid':'u1',"
      + "'creationTimestamp':'2024-05-01T10:00:00Z'}}";

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("unchanged", OLD, List.of()),
        Arguments.of("system fields left out",
            "{'metadata':{'name':'web'}}", List.of()),
        Arguments.of("name changed", OLD.replace("'web'", "'x'"),
            List.of("metadata.name: Invalid value: \"x\": field is immutable")),
        Arguments.of("namespace changed", OLD.replace("'default'", "'other'"),
            List.of("metadata.namespace: Invalid value: \"other\": field is immutable")),
        Arguments.of("uid changed", OLD.replace("'u1'", "'u2'"),
            List.of("metadata.uid: Invalid value: \"u2\": field is immutable")),
        Arguments.of("creationTimestamp changed", OLD.replace("10:00", "11:00"),
            List.of("metadata.creationTimestamp: Invalid value: 2024-05-01 11:00:00 +0000 UTC:"
                + " field is immutable")),
        Arguments.of("labels still checked",
            "{'metadata':{'name':'web','labels':{'a':'a b'}}}",
            List.of("metadata.labels: Invalid value: \"a b\": " + NamesTest.VALUE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void validateUpdate(String name, String obj, List<String> expected) {
    assertThat(messages(MetadataValidation.validateUpdate(json(obj), json(OLD))))
        .containsExactlyElementsOf(expected);
  }
}
