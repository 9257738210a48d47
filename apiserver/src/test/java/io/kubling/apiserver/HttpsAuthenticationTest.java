package io.kubling.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.apiserver.authorization.Decision;
import io.vertx.core.http.HttpVersion;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server over HTTPS with every authenticator configured, driven by the fabric8
 * client and a Vert.x HTTP/2 client: who each kind of credential authenticates as
 * (SelfSubjectReview answers), and 401 for every bad one.
 */
class HttpsAuthenticationTest {
  static SecureApiServer api;
  static KubernetesClient admin;

  @BeforeAll
  static void start() {
    // Everything is allowed here: this class is about authentication.
    api = new SecureApiServer(true, a -> Decision.ALLOW);
    admin = api.clientWithCert(TestPki.client(api.ca, "kubernetes-admin", "system:masters"),
        "admin");
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (api != null) {
      api.close();
    }
  }

  static UserInfo whoami(KubernetesClient c) {
    return c.resource(new SelfSubjectReview()).create().getStatus().getUserInfo();
  }

  static int status(Runnable r) {
    try {
      r.run();
      return 200;
    } catch (KubernetesClientException e) {
      return e.getCode();
    }
  }

  @Test
  void servesHttpsAndAClientCertificateIsItsCommonNameAndOrganizations() {
    assertThat(api.url()).startsWith("https://127.0.0.1:");
    UserInfo me = whoami(admin);
    assertThat(me.getUsername()).isEqualTo("kubernetes-admin");
    assertThat(me.getGroups()).containsExactly("system:masters", "system:authenticated");
    assertThat(admin.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
        .contains("default", "kube-system");
  }

  @Test
  void aCertificateFromAnImpostorCaIsUnauthorized() {
    // Same CA name, other key: the client sends it (the server names that CA in its
    // CertificateRequest) and the signature check fails.
    try (KubernetesClient rogue = api.clientWithCert(
        TestPki.client(api.impostorCa, "kubernetes-admin", "system:masters"), "rogue")) {
      assertThatThrownBy(() -> rogue.namespaces().list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(401);
            assertThat(e.getStatus().getReason()).isEqualTo("Unauthorized");
            assertThat(e.getStatus().getMessage()).isEqualTo("Unauthorized");
          });
    }
  }

  @Test
  void aCertificateFromAnUnrelatedCaIsNotOfferedSoTheRequestIsAnonymous() {
    // The TLS client (JDK here, Go's in kubectl) only shows a certificate from a CA the
    // server asks for; without it the request is anonymous, as with kube-apiserver.
    try (KubernetesClient other = api.clientWithCert(
        TestPki.client(api.otherCa, "kubernetes-admin", "system:masters"), "other")) {
      assertThat(whoami(other).getUsername()).isEqualTo("system:anonymous");
    }
  }

  @Test
  void aCertificateWithoutCommonNameIsUnauthorized() {
    try (KubernetesClient noName = api.clientWithCert(
        TestPki.client(api.ca, TestPki.ec(), TestPki.subject(null, "system:masters")),
        "noname")) {
      assertThat(status(() -> noName.namespaces().list())).isEqualTo(401);
    }
  }

  @Test
  void staticTokensAuthenticateAsTheirLineAndUnknownOnesAreUnauthorized() {
    try (KubernetesClient c = api.clientWithToken(SecureApiServer.ADMIN_TOKEN)) {
      UserInfo me = whoami(c);
      assertThat(me.getUsername()).isEqualTo("token-admin");
      assertThat(me.getUid()).isEqualTo("1001");
      assertThat(me.getGroups()).containsExactly("system:masters", "ops",
          "system:authenticated");
    }
    try (KubernetesClient c = api.clientWithToken(SecureApiServer.DEV_TOKEN)) {
      assertThat(whoami(c).getGroups()).containsExactly("system:authenticated");
    }
    // Anonymous requests are on here, yet a bad token is a 401, not system:anonymous.
    try (KubernetesClient c = api.clientWithToken("not-a-token")) {
      assertThat(status(() -> whoami(c))).isEqualTo(401);
    }
  }

  @Test
  void noCredentialsIsAnonymous() {
    try (KubernetesClient c = api.anonymousClient()) {
      UserInfo me = whoami(c);
      assertThat(me.getUsername()).isEqualTo("system:anonymous");
      assertThat(me.getGroups()).containsExactly("system:unauthenticated");
    }
  }

  @Test
  void serviceAccountTokensAuthenticateWhileTheServiceAccountLives() {
    ServiceAccount sa = admin.serviceAccounts().inNamespace("default").resource(
        new ServiceAccountBuilder().withNewMetadata().withName("robot").endMetadata().build())
        .create();
    String uid = sa.getMetadata().getUid();
    Instant now = Instant.now();
    String good = jwt(api.saKeys.getPrivate(), c -> c);
    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      try (KubernetesClient c = api.clientWithToken(good)) {
        UserInfo me = whoami(c);
        assertThat(me.getUsername()).isEqualTo("system:serviceaccount:default:robot");
        assertThat(me.getUid()).isEqualTo(uid);
        assertThat(me.getGroups()).containsExactly("system:serviceaccounts",
            "system:serviceaccounts:default", "system:authenticated");
      }
    });
    Map<String, Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder>> bad = Map.of(
        "expired", c -> c.expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))),
        "not yet valid", c -> c.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))),
        "other issuer", c -> c.issuer("https://evil.example"),
        "other audience", c -> c.audience("vault"),
        "other uid", c -> c.claim("kubernetes.io", Map.of("namespace", "default",
            "serviceaccount", Map.of("name", "robot", "uid", "0000"))),
        "sub not the SA", c -> c.subject("system:serviceaccount:default:other"),
        "bound to a pod that does not exist", c -> c.claim("kubernetes.io", Map.of(
            "namespace", "default", "serviceaccount", Map.of("name", "robot", "uid", uid),
            "pod", Map.of("name", "ghost", "uid", "1234"))));
    // One raw client for the refusals: a fabric8 client per token costs seconds here.
    try (VertxHttps https = new VertxHttps(api, null, HttpVersion.HTTP_2)) {
      bad.forEach((why, tweak) -> assertThat(
          whoamiStatus(https, jwt(api.saKeys.getPrivate(), tweak))).as(why).isEqualTo(401));
      assertThat(whoamiStatus(https, jwt(TestPki.rsa().getPrivate(), x -> x)))
          .as("signed with another key").isEqualTo(401);
      assertThat(whoamiStatus(https, good)).isEqualTo(201);
      // A token from this server's own TokenRequest (signed with sa.key) authenticates too.
      String requested = admin.serviceAccounts().inNamespace("default").withName("robot")
          .tokenRequest(new io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder()
              .withNewSpec().withExpirationSeconds(600L).endSpec().build())
          .getStatus().getToken();
      assertThat(admin.resource(new TokenReviewBuilder().withNewSpec().withToken(requested)
          .endSpec().build()).create().getStatus().getUser().getUsername())
          .isEqualTo("system:serviceaccount:default:robot");
      assertThat(whoamiStatus(https, requested)).isEqualTo(201);
      admin.serviceAccounts().inNamespace("default").withName("robot").delete();
      Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(whoamiStatus(https, good)).as("SA deleted").isEqualTo(401));
      assertThat(whoamiStatus(https, requested)).as("SA deleted").isEqualTo(401);
    }
  }

  private static int whoamiStatus(VertxHttps https, String token) {
    try {
      return https.post("/apis/authentication.k8s.io/v1/selfsubjectreviews",
          "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}",
          Map.of("Authorization", "Bearer " + token)).code();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A ServiceAccount token for default/robot as TokenRequest makes one, then tweaked. */
  private String jwt(PrivateKey key,
      Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> tweak) {
    try {
      String uid = admin.serviceAccounts().inNamespace("default").withName("robot").get()
          .getMetadata().getUid();
      Instant now = Instant.now();
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
          .issuer(ServingSecurity.DEFAULT_ISSUER)
          .subject("system:serviceaccount:default:robot")
          .audience(List.of(ServingSecurity.DEFAULT_ISSUER))
          .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
          .expirationTime(Date.from(now.plus(Duration.ofHours(1))))
          .claim("kubernetes.io", Map.of("namespace", "default",
              "serviceaccount", Map.of("name", "robot", "uid", uid)));
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(),
          tweak.apply(claims).build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void tokenReviewSaysWhoATokenIs() {
    TokenReview ok = admin.resource(new TokenReviewBuilder().withNewSpec()
        .withToken(SecureApiServer.DEV_TOKEN).endSpec().build()).create();
    assertThat(ok.getStatus().getAuthenticated()).isTrue();
    assertThat(ok.getStatus().getUser().getUsername()).isEqualTo("dev-user");
    assertThat(ok.getStatus().getUser().getUid()).isEqualTo("1002");
    assertThat(ok.getStatus().getAudiences()).containsExactly(ServingSecurity.DEFAULT_ISSUER);
    TokenReview both = admin.resource(new TokenReviewBuilder().withNewSpec()
        .withToken(SecureApiServer.DEV_TOKEN)
        .withAudiences("vault", ServingSecurity.DEFAULT_ISSUER).endSpec().build()).create();
    assertThat(both.getStatus().getAudiences()).containsExactly(ServingSecurity.DEFAULT_ISSUER);
    TokenReview otherAudience = admin.resource(new TokenReviewBuilder().withNewSpec()
        .withToken(SecureApiServer.DEV_TOKEN).withAudiences("vault").endSpec().build()).create();
    assertThat(otherAudience.getStatus().getAuthenticated())
        .as("this server's tokens are not for vault").isFalse();
    TokenReview bad = admin.resource(new TokenReviewBuilder().withNewSpec()
        .withToken("a.b.c").endSpec().build()).create();
    assertThat(bad.getStatus().getAuthenticated()).isFalse();
    assertThat(bad.getStatus().getUser().getUsername()).isNull();
    // Not stored: there is nothing to get or list.
    assertThat(status(() -> admin.resources(TokenReview.class).list())).isEqualTo(405);
  }

  @Test
  void discoveryListsTheAuthenticationGroup() {
    assertThat(admin.getApiGroups().getGroups()).filteredOn(g -> g.getName()
        .equals("authentication.k8s.io")).singleElement()
        .satisfies(g -> assertThat(g.getPreferredVersion().getGroupVersion())
            .isEqualTo("authentication.k8s.io/v1"));
    assertThat(admin.getApiResources("authentication.k8s.io/v1").getResources())
        .extracting(r -> r.getName() + ":" + r.getVerbs())
        .containsExactlyInAnyOrder("tokenreviews:[create]", "selfsubjectreviews:[create]");
  }

  @Test
  void malformedCredentialsAreUnauthorizedAndNeverBreakTheServer() throws Exception {
    try (VertxHttps https = new VertxHttps(api, null, HttpVersion.HTTP_1_1)) {
      List<String> garbage = List.of("Bearer \u00ff\u00fe", "bearer a b", "bearer \t",
          "Bearer a.b.c", "Bearer ..", "Bearer eyJhbGciOiJub25lIn0.e30.",
          "Bearer eyJ.eyJ.sig", "Bearer " + "x".repeat(8000), "Basic Zm9vOmJhcg==x",
          "Bearer " + SecureApiServer.ADMIN_TOKEN + "x",
          // alg none and HS256 with the public key must never be accepted
          "Bearer " + unsigned("none"), "Bearer " + unsigned("HS256"),
          "Bearer", "Bearer ", " ");
      for (String header : garbage) {
        var r = https.get("/api/v1/namespaces", Map.of("Authorization", header));
        if (header.startsWith("Basic") || header.trim().split(" ").length < 2) {
          // No bearer token: the request is anonymous, as in Kubernetes (no basic auth).
          assertThat(r.code()).as(header).isEqualTo(200);
        } else {
          assertThat(r.code()).as(header).isEqualTo(401);
          assertThat(r.body()).as(header).contains("\"reason\":\"Unauthorized\"")
              .contains("\"message\":\"Unauthorized\"");
        }
      }
      assertThat(https.get("/readyz", Map.of()).code()).isEqualTo(200);
    }
  }

  private static String unsigned(String alg) {
    var b64 = java.util.Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes());
    String claims = b64.encodeToString(("{\"iss\":\"" + ServingSecurity.DEFAULT_ISSUER
        + "\",\"sub\":\"system:serviceaccount:default:default\",\"aud\":[\""
        + ServingSecurity.DEFAULT_ISSUER + "\"],\"exp\":9999999999}").getBytes());
    return header + "." + claims + "." + b64.encodeToString("sig".getBytes());
  }

  @Test
  void clientsThatOfferHttp2GetItAndStillAuthenticateByCertificate() throws Exception {
    TestPki.Issued cert = TestPki.client(api.ca, "h2-user", "h2-group");
    try (VertxHttps h2 = new VertxHttps(api, cert, HttpVersion.HTTP_2)) {
      var r = h2.post("/apis/authentication.k8s.io/v1/selfsubjectreviews",
          "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}",
          Map.of());
      assertThat(r.version()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(r.code()).isEqualTo(201);
      assertThat(r.body()).contains("\"username\":\"h2-user\"")
          .contains("\"groups\":[\"h2-group\",\"system:authenticated\"]");
    }
    try (VertxHttps h1 = new VertxHttps(api, cert, HttpVersion.HTTP_1_1)) {
      assertThat(h1.get("/version", Map.of()).version()).isEqualTo(HttpVersion.HTTP_1_1);
    }
  }
}
