package io.kubling.apiserver.authentication;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ServiceAccount tokens (TokenRequest's bound JWTs): RS256-signed by one of
 * --service-account-key-file's keys, issued by --service-account-issuer for that audience,
 * within nbf/exp, and naming a ServiceAccount (and pod, when bound to one) that still exists
 * with the uid the token was issued for, as Kubernetes' serviceaccount.JWTTokenAuthenticator.
 */
public final class ServiceAccountTokens implements TokenAuthenticator {
  /** go-jose's default leeway for exp/nbf, which Kubernetes keeps. */
  static final Duration LEEWAY = Duration.ofMinutes(1);
  static final String PREFIX = "system:serviceaccount:";
  static final String EXTRA = "authentication.kubernetes.io/";

  /** Reads the live object the token names: its uid, or null when it is gone or going. */
  @FunctionalInterface
  public interface Objects {
    /** resource is serviceaccounts, pods or secrets. */
    String uid(String resource, String namespace, String name);
  }

  private final List<RSASSAVerifier> verifiers = new ArrayList<>();
  private final String issuer;
  private final List<String> audiences;
  private final Objects objects;
  private final Clock clock;

  public ServiceAccountTokens(List<PublicKey> keys, String issuer, List<String> audiences,
      Objects objects, Clock clock) {
    for (PublicKey k : keys) {
      if (!(k instanceof RSAPublicKey rsa)) {
        throw new IllegalArgumentException("ServiceAccount keys must be RSA, got "
            + k.getAlgorithm());
      }
      verifiers.add(new RSASSAVerifier(rsa));
    }
    this.issuer = issuer;
    this.audiences = List.copyOf(audiences);
    this.objects = objects;
    this.clock = clock;
  }

  @Override
  public Optional<UserInfo> authenticate(String token) {
    if (token.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty(); // not a JWT
    }
    SignedJWT jwt;
    JWTClaimsSet claims;
    try {
      jwt = SignedJWT.parse(token);
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException | RuntimeException e) {
      return Optional.empty();
    }
    if (!issuer.equals(claims.getIssuer())
        || !JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
        || !signedByUs(jwt)
        || !timely(claims)
        || claims.getAudience().stream().noneMatch(audiences::contains)) {
      return Optional.empty();
    }
    return user(claims);
  }

  private boolean signedByUs(SignedJWT jwt) {
    for (RSASSAVerifier v : verifiers) {
      try {
        if (jwt.verify(v)) {
          return true;
        }
      } catch (JOSEException | RuntimeException e) {
        // try the next key
      }
    }
    return false;
  }

  private boolean timely(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp = claims.getExpirationTime();
    Date nbf = claims.getNotBeforeTime();
    if (exp == null || !now.isBefore(exp.toInstant().plus(LEEWAY))) {
      return false;
    }
    return nbf == null || !now.isBefore(nbf.toInstant().minus(LEEWAY));
  }

  private Optional<UserInfo> user(JWTClaimsSet claims) {
    Map<String, Object> k8s;
    try {
      k8s = claims.getJSONObjectClaim("kubernetes.io");
    } catch (ParseException e) {
      return Optional.empty();
    }
    if (k8s == null) {
      return Optional.empty();
    }
    String namespace = text(k8s.get("namespace"));
    Ref sa = Ref.of(k8s.get("serviceaccount"));
    if (namespace.isEmpty() || sa == null
        || !(PREFIX + namespace + ":" + sa.name).equals(claims.getSubject())) {
      return Optional.empty();
    }
    if (!sa.uid.equals(objects.uid("serviceaccounts", namespace, sa.name))) {
      return Optional.empty(); // deleted, or deleted and made again
    }
    Map<String, List<String>> extra = new LinkedHashMap<>();
    Ref pod = Ref.of(k8s.get("pod"));
    if (k8s.get("pod") != null) {
      if (pod == null || !pod.uid.equals(objects.uid("pods", namespace, pod.name))) {
        return Optional.empty();
      }
      extra.put(EXTRA + "pod-name", List.of(pod.name));
      extra.put(EXTRA + "pod-uid", List.of(pod.uid));
    }
    Ref secret = Ref.of(k8s.get("secret"));
    if (k8s.get("secret") != null
        && (secret == null || !secret.uid.equals(objects.uid("secrets", namespace, secret.name)))) {
      return Optional.empty();
    }
    Ref node = Ref.of(k8s.get("node"));
    if (node != null) {
      extra.put(EXTRA + "node-name", List.of(node.name));
      extra.put(EXTRA + "node-uid", List.of(node.uid));
    }
    if (claims.getJWTID() != null) {
      extra.put(EXTRA + "credential-id", List.of("JTI=" + claims.getJWTID()));
    }
    return Optional.of(new UserInfo(PREFIX + namespace + ":" + sa.name, sa.uid,
        List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace,
            UserInfo.ALL_AUTHENTICATED), extra));
  }

  private static String text(Object o) {
    return o instanceof String s ? s : "";
  }

  /** {name, uid} of an object a token is bound to. */
  private record Ref(String name, String uid) {
    static Ref of(Object o) {
      if (!(o instanceof Map<?, ?> m)) {
        return null;
      }
      String name = text(m.get("name"));
      String uid = text(m.get("uid"));
      return name.isEmpty() || uid.isEmpty() ? null : new Ref(name, uid);
    }
  }
}
