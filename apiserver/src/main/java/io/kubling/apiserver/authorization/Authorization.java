package io.kubling.apiserver.authorization;

import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.registry.ResourceStore;
import java.util.ArrayList;
import java.util.List;

/** Builds the API server's authorizer chain from --authorization-mode. */
public final class Authorization {
  public static final String ALWAYS_ALLOW = "AlwaysAllow";
  public static final String ALWAYS_DENY = "AlwaysDeny";
  public static final String NODE = "Node";
  public static final String RBAC = "RBAC";

  private Authorization() {}

  /**
   * Checks a --authorization-mode list without building anything (for flag parsing): empty,
   * unknown or repeated modes are an IllegalArgumentException with one plain line.
   */
  public static void validate(List<String> modes) {
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("--authorization-mode: at least one mode is required");
    }
    List<String> seen = new ArrayList<>();
    for (String mode : modes) {
      if (!List.of(ALWAYS_ALLOW, ALWAYS_DENY, NODE, RBAC).contains(mode)) {
        throw new IllegalArgumentException("--authorization-mode: unknown mode \"" + mode
            + "\" (known: AlwaysAllow, AlwaysDeny, Node, RBAC)");
      }
      if (seen.contains(mode)) {
        throw new IllegalArgumentException("--authorization-mode: \"" + mode
            + "\" is given more than once");
      }
      seen.add(mode);
    }
  }

  /**
   * The modes in the order given; an unknown or repeated mode is an IllegalArgumentException
   * naming it.
   */
  public static Authorizer create(ServingSecurity security, ResourceStore store) {
    List<String> modes = security.authorizationModes();
    if (modes.equals(List.of(ALWAYS_ALLOW))) {
      return Authorizer.ALWAYS_ALLOW;
    }
    validate(modes);
    List<Authorizer> chain = new ArrayList<>();
    for (String mode : modes) {
      chain.add(switch (mode) {
        case ALWAYS_ALLOW -> Authorizer.ALWAYS_ALLOW;
        case ALWAYS_DENY -> a -> Decision.deny("");
        case NODE -> new NodeAuthorizer(store.caches(), store.registry());
        default -> new RbacAuthorizer(store.caches(), store.registry());
      });
    }
    return new AuthorizerChain(chain);
  }
}
