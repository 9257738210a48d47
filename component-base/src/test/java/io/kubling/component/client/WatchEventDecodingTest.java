package io.kubling.component.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Watch events decode to what fabric8's own decoding makes of them, wherever kind sits. */
class WatchEventDecodingTest {
  static final KubernetesSerialization FABRIC8 = new KubernetesSerialization();
  static final KubernetesSerialization OURS = WatchEventDecoding.serialization();

  static final String POD_BODY = "\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\",\"uid\":\"u-1\","
      + "\"resourceVersion\":\"7\",\"labels\":{\"app\":\"a\"}},\"spec\":{\"nodeName\":\"n1\","
      + "\"containers\":[{\"name\":\"c\",\"image\":\"pause\",\"resources\":{\"requests\":"
      + "{\"cpu\":\"100m\"}},\"ports\":[{\"containerPort\":80,\"hostPort\":8080}]}],"
      + "\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\"}]},\"status\":{\"phase\":\"Pending\"}";

  @ParameterizedTest
  @ValueSource(strings = {
      // kind first, as Kubernetes writes objects
      "{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\"," + POD_BODY + "}}",
      // kind last, after everything else
      "{\"type\":\"ADDED\",\"object\":{" + POD_BODY + ",\"apiVersion\":\"v1\",\"kind\":\"Pod\"}}",
      // kind in the middle, object before type
      "{\"object\":{\"metadata\":{\"name\":\"p\"},\"kind\":\"Pod\",\"spec\":{\"nodeName\":\"x\"},"
          + "\"apiVersion\":\"v1\",\"status\":{}},\"type\":\"DELETED\"}",
      // an ERROR event's Status
      "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
          + "\"status\":\"Failure\",\"message\":\"too old resource version\",\"reason\":\"Expired\","
          + "\"code\":410}}",
      // a bookmark with only a resourceVersion
      "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":"
          + "{\"resourceVersion\":\"12\",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}}}}",
      // a custom resource fabric8 has no class for
      "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
          + "\"metadata\":{\"name\":\"w\"},\"spec\":{\"size\":3,\"tags\":[\"a\",\"b\"]}}}",
      // no kind at all
      "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"w\"},\"spec\":{\"size\":3}}}",
      // blanks before the frame's object
      " \n{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\"," + POD_BODY + "}}",
      // unknown fields around
      "{\"extra\":{\"a\":[1,2]},\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":"
          + "\"v1\",\"future\":{\"x\":1}," + POD_BODY + "},\"more\":true}"})
  void decodesAsFabric8Does(String line) {
    WatchEvent expected = FABRIC8.unmarshal(line, WatchEvent.class);
    WatchEvent actual = OURS.unmarshal(line, WatchEvent.class);
    assertThat(actual.getType()).isEqualTo(expected.getType());
    assertThat(actual.getObject()).isNotNull();
    assertThat(actual.getObject().getClass()).isEqualTo(expected.getObject().getClass());
    assertThat(actual.getObject()).isEqualTo(expected.getObject());
  }

  @org.junit.jupiter.api.Test
  void typesWhatItKnowsAndLeavesTheRestGeneric() {
    WatchEvent pod = OURS.unmarshal("{\"type\":\"MODIFIED\",\"object\":{\"kind\":\"Pod\","
        + "\"apiVersion\":\"v1\"," + POD_BODY + "}}", WatchEvent.class);
    assertThat(pod.getObject()).isInstanceOf(Pod.class);
    Pod p = (Pod) pod.getObject();
    assertThat(p.getSpec().getContainers().get(0).getResources().getRequests().get("cpu")
        .toString()).isEqualTo("100m");
    assertThat(p.getSpec().getContainers().get(0).getPorts().get(0).getHostPort()).isEqualTo(8080);
    assertThat(p.getMetadata().getLabels()).containsEntry("app", "a");
    assertThat(OURS.unmarshal("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":"
        + "\"v1\",\"code\":410}}", WatchEvent.class).getObject()).isInstanceOf(Status.class);
    assertThat(OURS.unmarshal("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"example.com/v1\","
        + "\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"}}}", WatchEvent.class).getObject())
        .isInstanceOf(GenericKubernetesResource.class);
  }
}
