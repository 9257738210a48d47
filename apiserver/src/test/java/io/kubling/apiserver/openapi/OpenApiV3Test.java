package io.kubling.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class OpenApiV3Test {
  private static final Registry REGISTRY = Registry.builtin();
  private static final OpenApiV3 OPENAPI = new OpenApiV3(REGISTRY);

  private static JsonNode parse(byte[] json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode doc(String path) {
    return parse(OPENAPI.document(path).orElseThrow().json());
  }

  @Test
  void indexListsEveryServedGroupVersion() {
    JsonNode paths = parse(OPENAPI.index()).path("paths");
    Set<String> expected = new TreeSet<>();
    for (ResourceType t : REGISTRY.types()) {
      expected.add(t.group().isEmpty() ? "api/v1" : "apis/" + t.group() + "/" + t.version());
    }
    for (var r : io.kubling.apiserver.registry.CreateOnlyResources.ALL) {
      expected.add("apis/" + r.group() + "/" + r.version());
    }
    assertThat(paths.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(expected)
        .contains("api/v1", "apis/apps/v1", "apis/rbac.authorization.k8s.io/v1",
            "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1");
    for (OpenApiV3.Document d : OPENAPI.documents()) {
      assertThat(paths.path(d.path()).path("serverRelativeURL").asText())
          .isEqualTo("/openapi/v3/" + d.path() + "?hash=" + d.hash());
      assertThat(d.hash()).matches("[0-9A-F]{128}");
    }
  }

  @Test
  void coreDocumentHasThePodPathsKubectlLooksFor() {
    JsonNode doc = doc("api/v1");
    assertThat(doc.path("openapi").asText()).isEqualTo("3.0.0");
    assertThat(doc.path("info").path("title").asText()).isEqualTo("Kubernetes");
    JsonNode paths = doc.path("paths");
    assertThat(paths.fieldNames()).toIterable().contains(
        "/api/v1/namespaces/{namespace}/pods",
        "/api/v1/namespaces/{namespace}/pods/{name}",
        "/api/v1/namespaces/{namespace}/pods/{name}/status",
        "/api/v1/pods",
        "/api/v1/nodes", "/api/v1/nodes/{name}", "/api/v1/nodes/{name}/status",
        "/api/v1/namespaces/{name}/finalize");

    JsonNode patch = paths.path("/api/v1/namespaces/{namespace}/pods/{name}").path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}");
    assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
    assertThat(patch.path("operationId").asText()).isEqualTo("patchCoreV1NamespacedPod");
    assertThat(queryParameters(patch)).contains("fieldValidation", "dryRun", "fieldManager");
    assertThat(patch.path("requestBody").path("content").fieldNames()).toIterable()
        .containsExactly("application/apply-patch+yaml", "application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json");

    JsonNode post = paths.path("/api/v1/namespaces/{namespace}/pods").path("post");
    assertThat(post.path("x-kubernetes-action").asText()).isEqualTo("post");
    assertThat(queryParameters(post)).contains("fieldValidation");
    assertThat(post.path("requestBody").path("content").path("application/json").path("schema")
        .path("$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
    assertThat(paths.path("/api/v1/namespaces/{namespace}/pods").path("delete")
        .path("operationId").asText()).isEqualTo("deleteCoreV1CollectionNamespacedPod");
    assertThat(paths.path("/api/v1/pods").path("get").path("operationId").asText())
        .isEqualTo("listCoreV1PodForAllNamespaces");

    JsonNode schemas = doc.path("components").path("schemas");
    JsonNode pod = schemas.path("io.k8s.api.core.v1.Pod");
    assertThat(pod.path("x-kubernetes-group-version-kind").get(0).path("kind").asText())
        .isEqualTo("Pod");
    assertThat(schemas.path("io.k8s.api.core.v1.PodSpec").path("properties").path("containers")
        .path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.Container");
    assertThat(schemas.fieldNames()).toIterable().contains(
        "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
        "io.k8s.apimachinery.pkg.apis.meta.v1.Time", "io.k8s.api.core.v1.PodList",
        "io.k8s.api.core.v1.Secret", "io.k8s.api.core.v1.Namespace");
  }

  @Test
  void appsDocumentScalesThroughAutoscalingScale() {
    JsonNode doc = doc("apis/apps/v1");
    JsonNode scale = doc.path("paths")
        .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale").path("patch");
    assertThat(scale.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}");
    assertThat(doc.path("components").path("schemas").has("io.k8s.api.autoscaling.v1.Scale"))
        .isTrue();
    assertThat(doc.path("paths").has("/apis/apps/v1/namespaces/{namespace}/daemonsets/{name}"
        + "/scale")).isFalse();
  }

  /** kubectl's QueryParamVerifierV3 and apply's gvkSupportsPatchOpenAPIV3, for every kind. */
  @Test
  void everyKindAdvertisesFieldValidationAndStrategicMergePatch() {
    for (ResourceType t : REGISTRY.types()) {
      String path = t.group().isEmpty() ? "api/v1" : "apis/" + t.group() + "/" + t.version();
      List<JsonNode> patches = new ArrayList<>();
      doc(path).path("paths").forEach(item -> {
        JsonNode gvk = item.path("patch").path("x-kubernetes-group-version-kind");
        if (gvk.path("group").asText().equals(t.group())
            && gvk.path("version").asText().equals(t.version())
            && gvk.path("kind").asText().equals(t.kind())) {
          patches.add(item.path("patch"));
        }
      });
      assertThat(patches).as(t.kind()).isNotEmpty();
      for (JsonNode p : patches) {
        assertThat(queryParameters(p)).as(t.kind()).contains("fieldValidation");
        assertThat(p.path("requestBody").path("content")
            .has("application/strategic-merge-patch+json")).isTrue();
      }
    }
  }

  @Test
  void everyRefResolvesWithinItsDocument() {
    for (OpenApiV3.Document d : OPENAPI.documents()) {
      JsonNode doc = parse(d.json());
      List<String> refs = new ArrayList<>();
      collectRefs(doc, refs);
      assertThat(refs).as(d.path()).isNotEmpty();
      for (String ref : refs) {
        assertThat(ref).startsWith("#/components/schemas/");
        assertThat(doc.path("components").path("schemas")
            .has(ref.substring("#/components/schemas/".length()))).as(d.path() + " " + ref)
            .isTrue();
      }
    }
  }

  @Test
  void renderingIsStable() {
    OpenApiV3 again = new OpenApiV3(REGISTRY);
    assertThat(again.index()).isEqualTo(OPENAPI.index());
    for (OpenApiV3.Document d : OPENAPI.documents()) {
      OpenApiV3.Document other = again.document(d.path()).orElseThrow();
      assertThat(other.hash()).isEqualTo(d.hash());
      assertThat(other.json()).isEqualTo(d.json());
      assertThat(OpenApiV3.hash(d.json())).isEqualTo(d.hash());
    }
    String json = new String(OPENAPI.document("api/v1").orElseThrow().json());
    assertThat(json.indexOf("\"components\"")).isLessThan(json.indexOf("\"paths\""));
  }

  private static List<String> queryParameters(JsonNode op) {
    List<String> names = new ArrayList<>();
    op.path("parameters").forEach(p -> {
      if (p.path("in").asText().equals("query")) {
        names.add(p.path("name").asText());
      }
    });
    return names;
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.has("$ref")) {
      out.add(n.get("$ref").asText());
    }
    n.forEach(c -> collectRefs(c, out));
  }
}
