package io.kubling.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.Http;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.json.Json;
import io.kubling.testkit.Kubectl;
import io.kubling.testkit.Requirements;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serviceaccounts/token against a real etcd, with fabric8, kubectl and plain HTTP. */
class TokenRequestTest {
  @TempDir
  static Path dir;
  static ApiServerFixture f;
  static KubernetesClient client;
  static SigningKey key;
  static Pod pod;
  static ServiceAccount builder;

  @BeforeAll
  static void up() {
    Path keyFile = TestKeys.writeSigningKey(dir);
    key = SigningKey.load(keyFile);
    f = new ApiServerFixture(o -> o.withServingSecurity(withSigningKey(keyFile)));
    client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
        .withMasterUrl(f.url()).withRequestRetryBackoffLimit(0).build()).build();
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team")
        .endMetadata().build()).create();
    builder = client.serviceAccounts().inNamespace("team").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("builder").endMetadata().build()).create();
    pod = client.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata()
        .withName("web-1").endMetadata().withNewSpec().withServiceAccountName("builder")
        .addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build())
        .create();
  }

  static ServingSecurity withSigningKey(Path keyFile) {
    ServingSecurity n = ServingSecurity.NONE;
    return new ServingSecurity(null, null, null, null, List.of(), keyFile,
        n.serviceAccountIssuer(), n.authorizationModes(), n.anonymousAuth());
  }

  @AfterAll
  static void down() {
    if (client != null) {
      client.close();
    }
    if (f != null) {
      f.close();
    }
  }

  static JWTClaimsSet verified(String token) throws Exception {
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.verify(new RSASSAVerifier(key.publicKey()))).isTrue();
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.keyId());
    return jwt.getJWTClaimsSet();
  }

  @Test
  void fabric8GetsAPodBoundTokenThatNamesAccountAndPod() throws Exception {
    TokenRequest answer = client.serviceAccounts().inNamespace("team").withName("builder")
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L)
            .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod").withName("web-1")
            .withUid(pod.getMetadata().getUid()).endBoundObjectRef().endSpec().build());

    JWTClaimsSet c = verified(answer.getStatus().getToken());
    assertThat(c.getSubject()).isEqualTo("system:serviceaccount:team:builder");
    assertThat(c.getIssuer()).isEqualTo(ServingSecurity.DEFAULT_ISSUER);
    assertThat(c.getAudience()).containsExactly(ServingSecurity.DEFAULT_ISSUER);
    Map<String, Object> k8s = c.getJSONObjectClaim("kubernetes.io");
    assertThat(k8s).containsEntry("namespace", "team")
        .containsEntry("serviceaccount", Map.of("name", "builder",
            "uid", builder.getMetadata().getUid()))
        .containsEntry("pod", Map.of("name", "web-1", "uid", pod.getMetadata().getUid()))
        .doesNotContainKey("node");
    Instant expires = Instant.parse(answer.getStatus().getExpirationTimestamp());
    assertThat(c.getExpirationTime().toInstant()).isEqualTo(expires);
    assertThat(expires.getEpochSecond() - c.getIssueTime().toInstant().getEpochSecond())
        .isEqualTo(600);
    assertThat(answer.getSpec().getAudiences()).containsExactly(ServingSecurity.DEFAULT_ISSUER);
  }

  @Test
  void kubectlCreateTokenPrintsAnHourLongTokenByDefault(@TempDir Path kdir) throws Exception {
    Requirements.require(Files.isExecutable(Path.of(Kubectl.DEFAULT)), "kubectl");
    Kubectl kubectl = Kubectl.forServer(Kubectl.DEFAULT, f.url(), kdir);
    String token = kubectl.run("-n", "team", "create", "token", "builder").assertOk().out().trim();
    JWTClaimsSet c = verified(token);
    assertThat(c.getSubject()).isEqualTo("system:serviceaccount:team:builder");
    assertThat(c.getExpirationTime().getTime() - c.getIssueTime().getTime())
        .isEqualTo(3600_000L);

    String bound = kubectl.run("-n", "team", "create", "token", "builder", "--duration=20m",
        "--bound-object-kind=Pod", "--bound-object-name=web-1", "--audience=vault")
        .assertOk().out().trim();
    JWTClaimsSet b = verified(bound);
    assertThat(b.getAudience()).containsExactly("vault");
    assertThat(b.getJSONObjectClaim("kubernetes.io").get("pod"))
        .isEqualTo(Map.of("name", "web-1", "uid", pod.getMetadata().getUid()));

    // The oldest kubectl kubling supports asks the same way.
    if (Files.isExecutable(Path.of(Kubectl.minor(27)))) {
      String old = Kubectl.forServer(Kubectl.minor(27), f.url(), kdir.resolve("v127"))
          .run("-n", "team", "create", "token", "builder").assertOk().out().trim();
      assertThat(verified(old).getSubject()).isEqualTo("system:serviceaccount:team:builder");
    }

    Kubectl.Result missing = kubectl.run("-n", "team", "create", "token", "nobody");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("serviceaccounts \"nobody\" not found");
  }

  @Test
  void badRequestsGetKubernetesStatuses() {
    Http http = new Http(f.url());
    String base = "/api/v1/namespaces/team/serviceaccounts/";
    Http.Response noAccount = http.post(base + "nobody/token", "{}");
    assertThat(noAccount.code()).isEqualTo(404);
    assertThat(message(noAccount)).isEqualTo("serviceaccounts \"nobody\" not found");

    Http.Response tooShort = http.post(base + "builder/token",
        "{\"spec\":{\"expirationSeconds\":599}}");
    assertThat(tooShort.code()).isEqualTo(422);
    assertThat(message(tooShort)).isEqualTo("TokenRequest.authentication.k8s.io \"builder\" is"
        + " invalid: spec.expirationSeconds: Invalid value: 599: may not specify a duration"
        + " less than 10 minutes");

    Http.Response noPod = http.post(base + "builder/token",
        "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"gone\"}}}");
    assertThat(noPod.code()).isEqualTo(404);
    assertThat(message(noPod)).isEqualTo("pods \"gone\" not found");

    Http.Response otherUid = http.post(base + "builder/token",
        "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"name\":\"web-1\","
            + "\"uid\":\"not-its-uid\"}}}");
    assertThat(otherUid.code()).isEqualTo(409);
    assertThat(message(otherUid)).contains("the UID in the bound object reference"
        + " (not-its-uid) does not match the UID in record");

    Http.Response otherAccount = http.post("/api/v1/namespaces/team/serviceaccounts/default2"
        + "/token", "{}");
    assertThat(otherAccount.code()).isEqualTo(404);

    Http.Response secret = http.post(base + "builder/token",
        "{\"spec\":{\"boundObjectRef\":{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"name\":\"s\"}}}");
    assertThat(secret.code()).isEqualTo(400);
    assertThat(message(secret)).contains("only to pods");

    assertThat(http.get(base + "builder/token").code()).isEqualTo(405);
  }

  @Test
  void podsCreatedOnAServerThatSignsTokensGetTheKubeApiAccessVolume() {
    Pod stored = client.pods().inNamespace("team").withName("web-1").get();
    assertThat(stored.getSpec().getServiceAccountName()).isEqualTo("builder");
    assertThat(stored.getSpec().getVolumes()).singleElement().satisfies(v -> {
      assertThat(v.getName()).startsWith("kube-api-access-");
      assertThat(v.getProjected().getSources()).hasSize(3);
      assertThat(v.getProjected().getSources().get(0).getServiceAccountToken()
          .getExpirationSeconds()).isEqualTo(3607L);
    });
    assertThat(stored.getSpec().getContainers().get(0).getVolumeMounts()).singleElement()
        .satisfies(m -> {
          assertThat(m.getMountPath()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
          assertThat(m.getReadOnly()).isTrue();
        });
  }

  @Test
  void discoveryListsTheTokenSubresource() {
    JsonNode doc = Json.parseObject(new Http(f.url()).get("/api/v1").body().getBytes());
    JsonNode token = null;
    for (JsonNode r : doc.path("resources")) {
      if (r.path("name").asText().equals("serviceaccounts/token")) {
        token = r;
      }
    }
    assertThat(token).isNotNull();
    assertThat(token.path("group").asText()).isEqualTo("authentication.k8s.io");
    assertThat(token.path("kind").asText()).isEqualTo("TokenRequest");
    assertThat(token.path("verbs").toString()).isEqualTo("[\"create\"]");
  }

  @Test
  void aServerWithoutSigningKeySaysSo() {
    try (ApiServer plain = ApiServerFixture.startServer(
        f.options().withServingSecurity(ServingSecurity.NONE).withPort(0));
        KubernetesClient c = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
            .withMasterUrl(plain.url()).withRequestRetryBackoffLimit(0).build()).build()) {
      assertThatThrownBy(() -> c.serviceAccounts().inNamespace("team").withName("builder")
          .tokenRequest(new TokenRequestBuilder().withNewSpec().endSpec().build()))
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(500);
            assertThat(e.getStatus().getMessage()).contains("no service-account signing key");
          });
      // Such a server cannot fill a token volume, so it adds none; the account is defaulted.
      Pod p = c.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata()
          .withName("plain").endMetadata().withNewSpec().addNewContainer().withName("c")
          .withImage("nginx").endContainer().endSpec().build()).create();
      assertThat(p.getSpec().getServiceAccountName()).isEqualTo("default");
      assertThat(p.getSpec().getVolumes()).isEmpty();
    }
  }

  static String message(Http.Response r) {
    return Json.parseObject(r.body().getBytes()).path("message").asText();
  }
}
