package io.kubling.ingress.route;

/** HTTPIngressPath.pathType; ImplementationSpecific is matched as Prefix here. */
public enum PathType {
  EXACT, PREFIX, IMPLEMENTATION_SPECIFIC;

  /** The API's spelling ("Exact", "Prefix", "ImplementationSpecific"); null means the default. */
  public static PathType of(String apiValue) {
    if (apiValue == null || apiValue.equals("ImplementationSpecific")) {
      return IMPLEMENTATION_SPECIFIC;
    }
    return switch (apiValue) {
      case "Exact" -> EXACT;
      case "Prefix" -> PREFIX;
      default -> throw new IllegalArgumentException("unsupported pathType " + apiValue);
    };
  }
}
