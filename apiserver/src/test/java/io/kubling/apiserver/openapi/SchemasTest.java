package io.kubling.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.registry.BuiltinResources;
import io.kubling.apiserver.registry.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemasTest {
  private static final String CORE = "io.k8s.api.core.v1.";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  private static ObjectNode schema(String component) {
    return Schemas.schema(component).orElseThrow();
  }

  private static JsonNode prop(String component, String field) {
    return schema(component).path("properties").path(field);
  }

  @Test
  void everyServedKindAndItsListHaveASchema() {
    for (ResourceType t : BuiltinResources.all()) {
      assertThat(Schemas.component(t.group(), t.version(), t.kind())).as(t.kind()).isPresent();
      assertThat(Schemas.component(t.group(), t.version(), t.listKind())).as(t.listKind())
          .isPresent();
    }
    assertThat(Schemas.component("", "v1", "Pod")).contains(CORE + "Pod");
    assertThat(Schemas.component("apps", "v1", "Deployment"))
        .contains("io.k8s.api.apps.v1.Deployment");
    assertThat(Schemas.component("coordination.k8s.io", "v1", "Lease"))
        .contains("io.k8s.api.coordination.v1.Lease");
    assertThat(Schemas.component("", "v1", "Status")).contains(META + "Status");
    assertThat(Schemas.component("", "v1", "PodSpec")).as("not a kind").isEmpty();
    assertThat(Schemas.component("apps", "v1", "Pod")).isEmpty();
  }

  /** Proto field names are the JSON names: a few spelled differently in Go. */
  @ParameterizedTest
  @CsvSource({
      "io.k8s.api.core.v1.PodSpec, nodeSelector",
      "io.k8s.api.core.v1.PodSpec, terminationGracePeriodSeconds",
      "io.k8s.api.core.v1.PodSpec, setHostnameAsFQDN",
      "io.k8s.api.core.v1.PodStatus, podIPs",
      "io.k8s.api.core.v1.PodSpec, hostPID",
      "io.k8s.api.core.v1.Container, imagePullPolicy",
      "io.k8s.api.core.v1.ServiceSpec, clusterIPs",
      "io.k8s.api.core.v1.ContainerStatus, imageID",
      "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta, creationTimestamp",
      "io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference, blockOwnerDeletion",
      "io.k8s.api.discovery.v1.Endpoint, deprecatedTopology",
      "io.k8s.api.rbac.v1.PolicyRule, nonResourceURLs",
  })
  void jsonFieldNames(String component, String field) {
    assertThat(prop(component, field).isMissingNode()).as(component + "." + field).isFalse();
  }

  @Test
  void podShape() {
    ObjectNode pod = schema(CORE + "Pod");
    assertThat(pod.path("properties").fieldNames()).toIterable()
        .containsExactly("apiVersion", "kind", "metadata", "spec", "status");
    assertThat(pod.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]");
    assertThat(prop(CORE + "Pod", "metadata").path("$ref").asText())
        .isEqualTo("#/components/schemas/" + META + "ObjectMeta");

    JsonNode containers = prop(CORE + "PodSpec", "containers");
    assertThat(containers.path("type").asText()).isEqualTo("array");
    assertThat(containers.path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/" + CORE + "Container");
    assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(prop(CORE + "PodSpec", "volumes").path("x-kubernetes-patch-strategy").asText())
        .isEqualTo("merge,retainKeys");

    JsonNode nodeSelector = prop(CORE + "PodSpec", "nodeSelector");
    assertThat(nodeSelector.path("type").asText()).isEqualTo("object");
    assertThat(nodeSelector.path("additionalProperties").path("type").asText())
        .isEqualTo("string");
    assertThat(prop(CORE + "PodSpec", "terminationGracePeriodSeconds").toString())
        .isEqualTo("{\"type\":\"integer\",\"format\":\"int64\"}");
    assertThat(prop(CORE + "ContainerPort", "containerPort").path("format").asText())
        .isEqualTo("int32");
    assertThat(prop(CORE + "PodSpec", "hostNetwork").path("type").asText())
        .isEqualTo("boolean");
    assertThat(schema(CORE + "PodTemplateSpec").path("properties").has("apiVersion"))
        .as("embedded, not a kind").isFalse();
  }

  @Test
  void inlinedFieldsAreMergedIntoTheirParent() {
    assertThat(schema(CORE + "Volume").path("properties").fieldNames()).toIterable()
        .contains("name", "configMap", "emptyDir", "secret", "hostPath")
        .doesNotContain("volumeSource");
    assertThat(schema(CORE + "Probe").path("properties").fieldNames()).toIterable()
        .contains("httpGet", "exec", "tcpSocket", "periodSeconds").doesNotContain("handler");
    assertThat(schema(CORE + "SecretKeySelector").path("properties").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("name", "key", "optional");
    assertThat(schema(CORE + "EphemeralContainer").path("properties").path("ports")
        .path("x-kubernetes-patch-merge-key").asText()).isEqualTo("containerPort");
  }

  @Test
  void kubernetesSpecialTypes() {
    assertThat(schema(META + "Time").toString())
        .isEqualTo("{\"type\":\"string\",\"format\":\"date-time\"}");
    assertThat(schema(META + "MicroTime").path("format").asText()).isEqualTo("date-time");
    ObjectNode intOrString = schema("io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(intOrString.path("x-kubernetes-int-or-string").asBoolean()).isTrue();
    assertThat(intOrString.path("format").asText()).isEqualTo("int-or-string");
    assertThat(schema("io.k8s.apimachinery.pkg.api.resource.Quantity").path("oneOf").toString())
        .isEqualTo("[{\"type\":\"string\"},{\"type\":\"number\"}]");
    assertThat(schema("io.k8s.apimachinery.pkg.runtime.RawExtension")
        .path("x-kubernetes-preserve-unknown-fields").asBoolean()).isTrue();
    assertThat(prop(CORE + "Secret", "data").path("additionalProperties").toString())
        .isEqualTo("{\"type\":\"string\",\"format\":\"byte\"}");
    assertThat(prop(META + "ObjectMeta", "ownerReferences").path("x-kubernetes-patch-merge-key")
        .asText()).isEqualTo("uid");
    assertThat(prop("io.k8s.api.apps.v1.DeploymentSpec", "strategy").toString()).isEqualTo(
        "{\"allOf\":[{\"$ref\":\"#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy\"}],"
            + "\"x-kubernetes-patch-strategy\":\"retainKeys\"}");
    assertThat(prop("io.k8s.api.coordination.v1.LeaseSpec", "renewTime").path("$ref").asText())
        .endsWith(META + "MicroTime");
  }

  @Test
  void closureHoldsEverythingReferenced() {
    var closure = Schemas.closure(List.of("io.k8s.api.apps.v1.Deployment"));
    assertThat(closure).containsKeys("io.k8s.api.apps.v1.Deployment", CORE + "PodTemplateSpec",
        CORE + "Container", META + "ObjectMeta", META + "Time", META + "LabelSelector",
        "io.k8s.apimachinery.pkg.util.intstr.IntOrString");
    assertThat(closure).doesNotContainKey(CORE + "Service");
    assertThat(List.copyOf(closure.keySet())).isSorted();
  }
}
