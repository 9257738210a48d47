package io.kubling.apiserver.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accept-header negotiation for resource endpoints, as kube-apiserver's
 * NegotiateMediaTypeOptions does it: clauses by quality, the first one that a serializer and the
 * requested conversion ({@code as=Table}, {@code as=PartialObjectMetadata[List]}) allow wins.
 */
public final class MediaTypes {
  public static final String JSON = "application/json";
  public static final String YAML = "application/yaml";
  public static final String PROTOBUF = "application/vnd.kubernetes.protobuf";
  /** The serializers a resource endpoint offers, in kube-apiserver's order of preference. */
  public static final List<String> SERIALIZERS = List.of(JSON, YAML, PROTOBUF);
  /** The body of the 406 to answer when {@link #negotiate} finds nothing acceptable. */
  public static final String NOT_ACCEPTABLE_MESSAGE =
      "only the following media types are accepted: " + String.join(", ", SERIALIZERS);

  private static final String META_GROUP = "meta.k8s.io";

  private MediaTypes() {}

  /**
   * What the response will be.
   *
   * @param mediaType one of {@link #SERIALIZERS}
   * @param as the requested conversion ({@code Table}, {@code PartialObjectMetadata},
   *     {@code PartialObjectMetadataList}), or null for the object itself
   * @param version the conversion's version, {@code v1} or {@code v1beta1}; null without one
   * @param stream {@code watch} when a watch stream was asked for in the media type, else null
   */
  public record Negotiated(String mediaType, String as, String version, String stream) {
    /** Whether a Table is wanted (kubectl's human-readable get and get -w). */
    public boolean table() {
      return "Table".equals(as);
    }
  }

  /** Whether a Table is what this Accept header gets, e.g. kubectl's for a human-readable get. */
  public static boolean wantsTable(String accept) {
    return negotiate(accept).map(Negotiated::table).orElse(false);
  }

  /**
   * Negotiates an Accept header. A missing or empty header gets JSON. Empty means nothing
   * offered is acceptable: answer 406 with {@link #NOT_ACCEPTABLE_MESSAGE}.
   *
   * <p>A Table is served as JSON or YAML only, in meta.k8s.io {@code v1} or {@code v1beta1};
   * both get a meta.k8s.io/v1 Table ({@link Tables}), which is what kubectl asks for first.
   */
  public static Optional<Negotiated> negotiate(String accept) {
    if (accept == null || accept.isBlank()) {
      return Optional.of(new Negotiated(JSON, null, null, null));
    }
    for (Clause clause : clauses(accept)) {
      for (String serializer : SERIALIZERS) {
        if (clause.matches(serializer)) {
          Optional<Negotiated> n = options(clause, serializer);
          if (n.isPresent()) {
            return n;
          }
        }
      }
    }
    return Optional.empty();
  }

  // acceptMediaTypeOptions + RequestScope.AllowsMediaTypeTransform.
  private static Optional<Negotiated> options(Clause clause, String serializer) {
    Map<String, String> p = clause.params();
    String stream = p.get("stream");
    if (stream != null && !stream.isEmpty() && (!stream.equals("watch") || serializer.equals(YAML))) {
      return Optional.empty(); // YAML has no stream serializer
    }
    boolean convert = p.containsKey("as") || p.containsKey("g") || p.containsKey("v");
    if (!convert) {
      return Optional.of(new Negotiated(serializer, null, null, emptyToNull(stream)));
    }
    String as = p.getOrDefault("as", "");
    String version = p.getOrDefault("v", "");
    if (!META_GROUP.equals(p.get("g")) || !(version.equals("v1") || version.equals("v1beta1"))) {
      return Optional.empty();
    }
    boolean allowed = switch (as) {
      case "Table" -> serializer.equals(JSON) || serializer.equals(YAML);
      case "PartialObjectMetadata", "PartialObjectMetadataList" -> true;
      default -> false;
    };
    return allowed ? Optional.of(new Negotiated(serializer, as, version, emptyToNull(stream)))
        : Optional.empty();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private record Clause(String type, String subType, double q, Map<String, String> params) {
    boolean matches(String serializer) {
      String[] ts = serializer.split("/", 2);
      return (type.equals(ts[0]) && (subType.equals(ts[1]) || subType.equals("*")))
          || (type.equals("*") && subType.equals("*"));
    }
  }

  /** goautoneg.ParseAccept: clauses sorted by quality, then concrete types before wildcards. */
  private static List<Clause> clauses(String header) {
    List<Clause> out = new ArrayList<>();
    for (String part : header.split(",")) {
      String[] mrp = part.split(";");
      String[] sp = mrp[0].split("/", -1);
      String type = sp[0].strip();
      String subType;
      if (sp.length == 1 && type.equals("*")) {
        subType = "*";
      } else if (sp.length == 2) {
        subType = sp[1].strip();
      } else {
        continue;
      }
      double q = 1.0;
      Map<String, String> params = new HashMap<>();
      for (int i = 1; i < mrp.length; i++) {
        String[] kv = mrp[i].split("=", 2);
        if (kv.length != 2) {
          continue;
        }
        String token = kv[0].strip();
        if (token.equals("q")) {
          q = quality(kv[1]);
        } else {
          params.put(token, kv[1].strip());
        }
      }
      // q=0 means "not acceptable" (RFC 9110).
      if (q > 0) {
        out.add(new Clause(type, subType, q, Map.copyOf(params)));
      }
    }
    out.sort(Comparator.comparingDouble(Clause::q).reversed()
        .thenComparing(c -> c.type().equals("*"))
        .thenComparing(c -> c.subType().equals("*")));
    return out;
  }

  private static double quality(String s) {
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return 0; // as Go's ParseFloat error leaves 0
    }
  }
}
