package io.kubling.apiserver.authentication;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ServiceAccount JWT checks, on a fixed clock and a map of live objects. */
class ServiceAccountTokensTest {
  static final String ISS = "https://kubernetes.default.svc.cluster.local";
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static KeyPair key;
  static KeyPair other;
  static Map<String, String> live = Map.of("serviceaccounts/ns/robot", "sa-uid",
      "pods/ns/web", "pod-uid", "secrets/ns/tok", "secret-uid");
  static ServiceAccountTokens tokens;

  @BeforeAll
  static void keys() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    key = g.generateKeyPair();
    other = g.generateKeyPair();
    tokens = new ServiceAccountTokens(List.of(other.getPublic(), key.getPublic()), ISS,
        List.of(ISS), (r, ns, n) -> live.get(r + "/" + ns + "/" + n),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer(ISS).subject("system:serviceaccount:ns:robot")
        .audience(List.of(ISS)).issueTime(Date.from(NOW)).notBeforeTime(Date.from(NOW))
        .expirationTime(Date.from(NOW.plus(Duration.ofHours(1)))).jwtID("j1")
        .claim("kubernetes.io", Map.of("namespace", "ns",
            "serviceaccount", Map.of("name", "robot", "uid", "sa-uid")));
  }

  static String sign(UnaryOperator<JWTClaimsSet.Builder> tweak) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256),
        tweak.apply(claims()).build());
    jwt.sign(new RSASSASigner(key.getPrivate()));
    return jwt.serialize();
  }

  @Test
  void aGoodTokenIsItsServiceAccount() throws Exception {
    UserInfo u = tokens.authenticate(sign(c -> c)).orElseThrow();
    assertThat(u.name()).isEqualTo("system:serviceaccount:ns:robot");
    assertThat(u.uid()).isEqualTo("sa-uid");
    assertThat(u.groups()).containsExactly("system:serviceaccounts",
        "system:serviceaccounts:ns", "system:authenticated");
    assertThat(u.extra()).containsEntry("authentication.kubernetes.io/credential-id",
        List.of("JTI=j1"));
  }

  @Test
  void aPodBoundTokenCarriesThePodAndNeedsItAlive() throws Exception {
    String bound = sign(c -> c.claim("kubernetes.io", Map.of("namespace", "ns",
        "serviceaccount", Map.of("name", "robot", "uid", "sa-uid"),
        "pod", Map.of("name", "web", "uid", "pod-uid"),
        "node", Map.of("name", "n1", "uid", "node-uid"))));
    assertThat(tokens.authenticate(bound).orElseThrow().extra())
        .containsEntry("authentication.kubernetes.io/pod-name", List.of("web"))
        .containsEntry("authentication.kubernetes.io/node-name", List.of("n1"));
    String gonePod = sign(c -> c.claim("kubernetes.io", Map.of("namespace", "ns",
        "serviceaccount", Map.of("name", "robot", "uid", "sa-uid"),
        "pod", Map.of("name", "web", "uid", "older-pod-uid"))));
    assertThat(tokens.authenticate(gonePod)).isEmpty();
  }

  @Test
  void withinTheLeewayOfExpiryStillCounts() throws Exception {
    assertThat(tokens.authenticate(sign(c -> c.expirationTime(
        Date.from(NOW.minusSeconds(30)))))).isPresent();
    assertThat(tokens.authenticate(sign(c -> c.expirationTime(
        Date.from(NOW.minusSeconds(90)))))).isEmpty();
  }

  @Test
  void everyWrongPartIsRefused() throws Exception {
    Map<String, UnaryOperator<JWTClaimsSet.Builder>> bad = Map.of(
        "no exp", c -> c.expirationTime(null),
        "nbf later", c -> c.notBeforeTime(Date.from(NOW.plus(Duration.ofMinutes(2)))),
        "issuer", c -> c.issuer("https://other"),
        "audience", c -> c.audience(List.of("api")),
        "sa uid", c -> c.claim("kubernetes.io", Map.of("namespace", "ns",
            "serviceaccount", Map.of("name", "robot", "uid", "other"))),
        "sa gone", c -> c.subject("system:serviceaccount:ns:gone").claim("kubernetes.io",
            Map.of("namespace", "ns", "serviceaccount", Map.of("name", "gone", "uid", "x"))),
        "no kubernetes.io", c -> c.claim("kubernetes.io", null),
        "kubernetes.io not an object", c -> c.claim("kubernetes.io", "ns"),
        "secret gone", c -> c.claim("kubernetes.io", Map.of("namespace", "ns",
            "serviceaccount", Map.of("name", "robot", "uid", "sa-uid"),
            "secret", Map.of("name", "tok", "uid", "old"))));
    for (var e : bad.entrySet()) {
      assertThat(tokens.authenticate(sign(e.getValue()))).as(e.getKey()).isEmpty();
    }
  }

  @Test
  void otherAlgorithmsAndGarbageAreNotTokens() throws Exception {
    SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    hs.sign(new MACSigner(new byte[32]));
    SignedJWT rs512 = new SignedJWT(new JWSHeader(JWSAlgorithm.RS512), claims().build());
    rs512.sign(new RSASSASigner(key.getPrivate()));
    for (String t : List.of(hs.serialize(), rs512.serialize(), "a.b.c", "..", "x",
        "eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "\u0000.\u0001.\u0002")) {
      assertThat(tokens.authenticate(t)).as(t).isEmpty();
    }
  }
}
