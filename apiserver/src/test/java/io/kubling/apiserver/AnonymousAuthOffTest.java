package io.kubling.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.authorization.Decision;
import io.vertx.core.http.HttpVersion;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * --anonymous-auth=false: a request without credentials is a 401 everywhere, health
 * endpoints included (as kube-apiserver); and Impersonate-* header mistakes are a 400.
 */
class AnonymousAuthOffTest {
  static SecureApiServer api;

  @BeforeAll
  static void start() {
    api = new SecureApiServer(false, a -> Decision.ALLOW);
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void noCredentialsIsUnauthorizedEverywhere() throws Exception {
    try (VertxHttps https = new VertxHttps(api, null, HttpVersion.HTTP_2)) {
      for (String path : new String[] {"/api/v1/namespaces", "/healthz", "/version", "/apis"}) {
        var r = https.get(path, Map.of());
        assertThat(r.code()).as(path).isEqualTo(401);
        assertThat(r.body()).as(path).contains("\"message\":\"Unauthorized\"");
      }
      assertThat(https.get("/version", Map.of("Authorization",
          "Bearer " + SecureApiServer.DEV_TOKEN)).code()).isEqualTo(200);
    }
  }

  @Test
  void aValidCertificateWinsOverABadToken() throws Exception {
    // As Kubernetes' union: the first authenticator that knows the request decides.
    TestPki.Issued cert = TestPki.client(api.ca, "carol");
    try (VertxHttps https = new VertxHttps(api, cert, HttpVersion.HTTP_1_1)) {
      var r = https.get("/api/v1/namespaces", Map.of("Authorization", "Bearer wrong"));
      assertThat(r.code()).isEqualTo(200);
    }
  }

  @Test
  void impersonatingGroupsWithoutAUserIsABadRequest() throws Exception {
    TestPki.Issued admin = TestPki.client(api.ca, "kubernetes-admin", "system:masters");
    try (VertxHttps https = new VertxHttps(api, admin, HttpVersion.HTTP_2)) {
      var r = https.get("/api/v1/namespaces", Map.of("Impersonate-Group", "devs"));
      assertThat(r.code()).isEqualTo(400);
      assertThat(r.body()).contains("requested group devs without impersonating a user");
      var extra = https.get("/apis/authentication.k8s.io/v1/selfsubjectreviews",
          Map.of("Impersonate-User", "jane", "Impersonate-Extra-Scopes%2Fa", "view"));
      assertThat(extra.code()).as("GET on a create-only resource").isEqualTo(405);
    }
  }
}
