package io.kubling.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kubling.testkit.Requirements;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens parse and verify with nimbus and carry Kubernetes' claims. */
class TokenIssuerTest {
  static final String ISSUER = "https://kubernetes.default.svc.cluster.local";

  @Test
  void aBoundTokenVerifiesWithThePublicKeyAndNamesAccountPodAndNode() throws Exception {
    KeyPair pair = TestKeys.rsa();
    TokenIssuer issuer = new TokenIssuer(SigningKey.parse(TestKeys.pkcs8Pem(pair), "test"),
        ISSUER);
    Instant now = Instant.parse("2026-11-27T01:00:00Z");
    String token = issuer.sign(new TokenClaims("team", "builder", "sa-uid", List.of(), now,
        now.plusSeconds(3607), new TokenClaims.Bound("web-1", "pod-uid"),
        new TokenClaims.Bound("node1", "node-uid")));

    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(SigningKey.keyId(
        (RSAPublicKey) pair.getPublic()));
    JWTClaimsSet c = jwt.getJWTClaimsSet();
    assertThat(c.getIssuer()).isEqualTo(ISSUER);
    assertThat(c.getSubject()).isEqualTo("system:serviceaccount:team:builder");
    assertThat(c.getAudience()).containsExactly(ISSUER);
    assertThat(c.getIssueTime().toInstant()).isEqualTo(now);
    assertThat(c.getNotBeforeTime().toInstant()).isEqualTo(now);
    assertThat(c.getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(3607));
    Map<String, Object> k8s = c.getJSONObjectClaim("kubernetes.io");
    assertThat(k8s).containsEntry("namespace", "team")
        .containsEntry("serviceaccount", Map.of("name", "builder", "uid", "sa-uid"))
        .containsEntry("pod", Map.of("name", "web-1", "uid", "pod-uid"))
        .containsEntry("node", Map.of("name", "node1", "uid", "node-uid"));
  }

  @Test
  void anUnboundTokenHasTheRequestedAudiencesAndNoPod() throws Exception {
    KeyPair pair = TestKeys.rsa();
    TokenIssuer issuer = new TokenIssuer(SigningKey.parse(TestKeys.pkcs8Pem(pair), "test"),
        ISSUER);
    Instant now = Instant.now();
    String token = issuer.sign(new TokenClaims("default", "default", "u", List.of("vault"),
        now, now.plusSeconds(600), null, null));
    JWTClaimsSet c = SignedJWT.parse(token).getJWTClaimsSet();
    assertThat(c.getAudience()).containsExactly("vault");
    assertThat(c.getJSONObjectClaim("kubernetes.io")).containsOnlyKeys("namespace",
        "serviceaccount");
    // Signed by another key, the token does not verify.
    assertThat(SignedJWT.parse(token).verify(new RSASSAVerifier(
        (RSAPublicKey) TestKeys.rsa().getPublic()))).isFalse();
  }

  /** kid is what openssl computes: base64url(sha256(DER SubjectPublicKeyInfo)). */
  @Test
  void keyIdMatchesOpensslsDigestOfThePublicKey(@TempDir Path dir) throws Exception {
    Requirements.require(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl");
    Path key = dir.resolve("sa.key");
    Process gen = new ProcessBuilder("openssl", "genpkey", "-algorithm", "RSA",
        "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(gen.waitFor(60, TimeUnit.SECONDS) && gen.exitValue() == 0).isTrue();
    Path der = dir.resolve("sa.pub.der");
    Process pub = new ProcessBuilder("openssl", "pkey", "-in", key.toString(), "-pubout",
        "-outform", "DER", "-out", der.toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(pub.waitFor(60, TimeUnit.SECONDS) && pub.exitValue() == 0).isTrue();
    String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(der)));

    assertThat(SigningKey.load(key).keyId()).isEqualTo(expected);
  }

  @Test
  void aKeyThatIsNotPkcs8IsRefusedWithTheFileNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.key");
    Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
        StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> SigningKey.load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("PKCS#8");
    assertThatThrownBy(() -> SigningKey.load(dir.resolve("missing.key")))
        .hasMessageContaining("cannot read the service-account signing key");
  }
}
