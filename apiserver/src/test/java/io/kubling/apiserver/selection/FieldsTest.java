package io.kubling.apiserver.selection;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldsTest {
  private static final String POD = """
      {"metadata": {"name": "p", "namespace": "ns", "labels": {"app": "web"}},
       "spec": {"nodeName": "n1", "priority": 5, "hostNetwork": true, "ratio": 1.5,
                "big": 1E+3, "huge": 123456789012345678901234567890,
                "containers": [], "schedulerName": null},
       "status": {"phase": "Running"},
       "involvedObject": {"name": "x"}}
      """;

  static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @ParameterizedTest(name = "[{index}] {0} = \"{1}\"")
  @CsvSource(delimiter = '|', textBlock = """
      metadata.name          | p
      metadata.namespace     | ns
      metadata.labels.app    | web
      spec.nodeName          | n1
      spec.priority          | 5
      spec.hostNetwork       | true
      spec.ratio             | 1.5
      spec.big               | 1000
      spec.huge              | 123456789012345678901234567890
      status.phase           | Running
      involvedObject.name    | x
      spec.schedulerName     | ''
      spec.serviceAccount    | ''
      spec.containers        | ''
      spec                   | ''
      spec.nodeName.x        | ''
      spec..nodeName         | ''
      nothing.here           | ''
      spec.unschedulable     | false
      """)
  void valueOfPod(String path, String expected) throws Exception {
    assertThat(Fields.valueOf(json(POD), path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{index}] {1} on {0}: {2}")
  @CsvSource(delimiter = '|', textBlock = """
      {"spec": {"unschedulable": true}}         | spec.unschedulable=true   | true
      {"spec": {"unschedulable": true}}         | spec.unschedulable=false  | false
      {"spec": {"unschedulable": false}}        | spec.unschedulable=false  | true
      {"spec": {"unschedulable": null}}         | spec.unschedulable=false  | true
      {"spec": {}}                              | spec.unschedulable=false  | true
      {}                                        | spec.unschedulable!=true  | true
      {"spec": {"nodeName": "n1"}}              | spec.nodeName=            | false
      {"spec": {"nodeName": "n1"}}              | spec.nodeName=n1          | true
      {"spec": {"nodeName": null}}              | spec.nodeName=            | true
      {"spec": {}}                              | spec.nodeName=            | true
      {"spec": {}}                              | spec.nodeName!=           | false
      {"metadata": {"name": "a,b"}}             | metadata.name=a\\,b       | true
      {"involvedObject": {"kind": "Pod"}}       | 'involvedObject.kind=Pod,involvedObject.name=' | true
      """)
  void selectsObjects(String object, String selector, boolean expected) throws Exception {
    assertThat(FieldSelector.parse(selector).matches(Fields.of(json(object)))).isEqualTo(expected);
  }
}
