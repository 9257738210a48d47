package io.kubling.apiserver.serviceaccount;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a ServiceAccount token says: whose it is, for whom, until when, and which pod (and that
 * pod's node) it is bound to, if any.
 *
 * @param audiences the aud claim; empty means the issuer itself
 * @param pod the pod the token is bound to, or null
 * @param node the node of the bound pod, or null
 */
public record TokenClaims(String namespace, String serviceAccountName, String serviceAccountUid,
    List<String> audiences, Instant issuedAt, Instant expiration, Bound pod, Bound node) {

  /** An object a token is bound to, by name and uid. */
  public record Bound(String name, String uid) {
    public Bound {
      Objects.requireNonNull(name, "name should not be null");
      Objects.requireNonNull(uid, "uid should not be null");
    }
  }

  public TokenClaims {
    Objects.requireNonNull(namespace, "namespace should not be null");
    Objects.requireNonNull(serviceAccountName, "serviceAccountName should not be null");
    Objects.requireNonNull(serviceAccountUid, "serviceAccountUid should not be null");
    audiences = List.copyOf(audiences);
    Objects.requireNonNull(issuedAt, "issuedAt should not be null");
    Objects.requireNonNull(expiration, "expiration should not be null");
  }

  /** The sub claim and user name: system:serviceaccount:ns:name. */
  public String subject() {
    return ServiceAccountNames.subject(namespace, serviceAccountName);
  }
}
