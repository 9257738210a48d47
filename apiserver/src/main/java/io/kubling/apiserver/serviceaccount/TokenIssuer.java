package io.kubling.apiserver.serviceaccount;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs ServiceAccount tokens as kube-apiserver does (RS256 JWTs with iss, sub, aud, iat, nbf,
 * exp and the kubernetes.io claim); the key is --service-account-signing-key-file and iss is
 * --service-account-issuer.
 */
public final class TokenIssuer {
  private final SigningKey key;
  private final String issuer;
  private final RSASSASigner signer;

  public TokenIssuer(SigningKey key, String issuer) {
    this.key = Objects.requireNonNull(key, "key should not be null");
    this.issuer = Objects.requireNonNull(issuer, "issuer should not be null");
    this.signer = new RSASSASigner(key.privateKey());
  }

  public static TokenIssuer load(Path signingKeyFile, String issuer) {
    return new TokenIssuer(SigningKey.load(signingKeyFile), issuer);
  }

  public String issuer() {
    return issuer;
  }

  public SigningKey key() {
    return key;
  }

  /** The audiences a token gets when the request names none: the issuer, as kube does. */
  public List<String> audiences(List<String> requested) {
    return requested.isEmpty() ? List.of(issuer) : requested;
  }

  /** The signed, compact-serialized JWT for claims. */
  public String sign(TokenClaims claims) {
    JWTClaimsSet set = claimsSet(claims);
    JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.keyId()).build();
    SignedJWT jwt = new SignedJWT(header, set);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a ServiceAccount token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }

  JWTClaimsSet claimsSet(TokenClaims claims) {
    Map<String, Object> k8s = new LinkedHashMap<>();
    k8s.put("namespace", claims.namespace());
    if (claims.node() != null) {
      k8s.put("node", bound(claims.node()));
    }
    if (claims.pod() != null) {
      k8s.put("pod", bound(claims.pod()));
    }
    k8s.put("serviceaccount", Map.of("name", claims.serviceAccountName(),
        "uid", claims.serviceAccountUid()));
    Date issued = Date.from(claims.issuedAt());
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .subject(claims.subject())
        .audience(audiences(claims.audiences()))
        .issueTime(issued)
        .notBeforeTime(issued)
        .expirationTime(Date.from(claims.expiration()))
        .claim(ServiceAccountNames.PRIVATE_CLAIM, k8s)
        .build();
  }

  private static Map<String, Object> bound(TokenClaims.Bound b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", b.name());
    m.put("uid", b.uid());
    return m;
  }
}
