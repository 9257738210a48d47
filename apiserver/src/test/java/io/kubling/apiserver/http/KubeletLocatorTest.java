package io.kubling.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KubeletLocatorTest {
  static JsonNode json(String s) {
    return Json.parseObject(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theAnnotationWinsOverInternalIpAndThePortDefaultsTo10250() {
    JsonNode both = json("""
        {"metadata":{"annotations":{"kubling.io/kubelet-endpoint":"127.0.0.1:41000"}},
         "status":{"addresses":[{"type":"Hostname","address":"n1"},
                                {"type":"InternalIP","address":"10.250.0.1"}],
                   "daemonEndpoints":{"kubeletEndpoint":{"Port":10255}}}}""");
    assertThat(KubeletLocator.endpoint(both, "n1").toString()).isEqualTo("127.0.0.1:41000");
    JsonNode plain = json("""
        {"metadata":{},"status":{"addresses":[{"type":"InternalIP","address":"10.250.0.1"}],
         "daemonEndpoints":{"kubeletEndpoint":{"Port":10255}}}}""");
    assertThat(KubeletLocator.endpoint(plain, "n1"))
        .isEqualTo(new KubeletLocator.Endpoint("10.250.0.1", 10255));
    JsonNode noPort = json("""
        {"metadata":{},"status":{"addresses":[{"type":"InternalIP","address":"fd00::1"}]}}""");
    assertThat(KubeletLocator.endpoint(noPort, "n1").toString()).isEqualTo("[fd00::1]:10250");
    JsonNode v6Annotation = json("""
        {"metadata":{"annotations":{"kubling.io/kubelet-endpoint":"[::1]:5000"}}}""");
    assertThat(KubeletLocator.endpoint(v6Annotation, "n1"))
        .isEqualTo(new KubeletLocator.Endpoint("::1", 5000));
  }

  @Test
  void aNodeWithoutAnAddressOrWithABadAnnotationIsUnavailable() {
    assertThatThrownBy(() -> KubeletLocator.endpoint(json("{\"metadata\":{}}"), "n1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(503))
        .hasMessage("node n1 has no InternalIP: its node agent has not reported one yet");
    assertThatThrownBy(() -> KubeletLocator.endpoint(json("""
        {"metadata":{"annotations":{"kubling.io/kubelet-endpoint":"nowhere"}}}"""), "n1"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(503));
  }

  @Test
  void containersAreChosenAsKubeApiserverChoosesThem() {
    JsonNode one = json("{\"spec\":{\"containers\":[{\"name\":\"c\"}],"
        + "\"initContainers\":[{\"name\":\"init\"}]}}");
    assertThat(KubeletLocator.container(one, "p", null)).isEqualTo("c");
    assertThat(KubeletLocator.container(one, "p", "init")).isEqualTo("init");
    assertThatThrownBy(() -> KubeletLocator.container(one, "p", "x"))
        .hasMessage("container x is not valid for pod p");
    JsonNode two = json("{\"spec\":{\"containers\":[{\"name\":\"a\"},{\"name\":\"b\"}]}}");
    assertThatThrownBy(() -> KubeletLocator.container(two, "p", ""))
        .hasMessage("a container name must be specified for pod p, choose one of: [a, b]");
  }

  @Test
  void unboundAndCompletedPods() {
    assertThatThrownBy(() -> KubeletLocator.nodeName(json("{\"spec\":{}}"), "p"))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400))
        .hasMessage("pod p does not have a host assigned");
    assertThat(KubeletLocator.nodeName(json("{\"spec\":{\"nodeName\":\"n\"}}"), "p"))
        .isEqualTo("n");
    assertThatThrownBy(() -> KubeletLocator.checkExecutable(json(
        "{\"status\":{\"phase\":\"Succeeded\"}}")))
        .hasMessage("cannot exec into a container in a completed pod; current phase is"
            + " Succeeded");
  }
}
