package io.kubling.apiserver.authorization;

/**
 * An authorizer's answer. NO_OPINION lets the next authorizer decide; a chain that ends
 * with no ALLOW denies.
 *
 * @param reason why, for logs and SubjectAccessReview status (may be empty)
 */
public record Decision(Kind kind, String reason) {
  public enum Kind { ALLOW, DENY, NO_OPINION }

  public static final Decision ALLOW = new Decision(Kind.ALLOW, "");
  public static final Decision NO_OPINION = new Decision(Kind.NO_OPINION, "");

  public static Decision allow(String reason) {
    return new Decision(Kind.ALLOW, reason);
  }

  public static Decision deny(String reason) {
    return new Decision(Kind.DENY, reason);
  }

  public static Decision noOpinion(String reason) {
    return new Decision(Kind.NO_OPINION, reason);
  }

  public boolean allowed() {
    return kind == Kind.ALLOW;
  }
}
