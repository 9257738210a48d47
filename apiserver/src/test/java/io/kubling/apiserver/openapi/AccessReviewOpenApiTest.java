package io.kubling.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.Registry;
import org.junit.jupiter.api.Test;

/** The access reviews are published as Kubernetes publishes them: one POST, no other verb. */
class AccessReviewOpenApiTest {
  @Test
  void reviewsHaveOnlyPost() {
    JsonNode doc = Json.parseObject(new OpenApiV3(Registry.builtin())
        .document("apis/authorization.k8s.io/v1").orElseThrow().json());
    JsonNode ssar = doc.path("paths").path("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
    assertThat(ssar.path("post").path("operationId").asText())
        .isEqualTo("createAuthorizationV1SelfSubjectAccessReview");
    assertThat(ssar.path("post").path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("SelfSubjectAccessReview");
    assertThat(ssar.has("get")).isFalse();
    assertThat(doc.path("paths").has(
        "/apis/authorization.k8s.io/v1/namespaces/{namespace}/localsubjectaccessreviews"))
        .isTrue();
    assertThat(doc.path("components").path("schemas")
        .has("io.k8s.api.authorization.v1.SelfSubjectRulesReview")).isTrue();
  }
}
