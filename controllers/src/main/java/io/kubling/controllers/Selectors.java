package io.kubling.controllers;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/** Label selector and node selector matching, as apimachinery's labels.Selector does it. */
public final class Selectors {
  private Selectors() {}

  /**
   * Whether labels match the selector. A null selector matches nothing and an empty one
   * everything, as for ReplicaSets (metav1.LabelSelectorAsSelector).
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(l.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        if (!requirement(r.getOperator(), l.get(r.getKey()), l.containsKey(r.getKey()),
            r.getValues())) {
          return false;
        }
      }
    }
    return true;
  }

  /** A map selector (Service.spec.selector, nodeSelector): every pair must be present. */
  public static boolean matchesMap(Map<String, String> selector, Map<String, String> labels) {
    if (selector == null || selector.isEmpty()) {
      return true;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(l.get(e.getKey())));
  }

  /** One required node affinity term: all expressions and fields must hold. */
  public static boolean matchesNodeTerm(NodeSelectorTerm term, String nodeName,
      Map<String, String> nodeLabels) {
    Map<String, String> l = nodeLabels == null ? Map.of() : nodeLabels;
    boolean any = false;
    if (term.getMatchExpressions() != null) {
      for (NodeSelectorRequirement r : term.getMatchExpressions()) {
        any = true;
        if (!requirement(r.getOperator(), l.get(r.getKey()), l.containsKey(r.getKey()),
            r.getValues())) {
          return false;
        }
      }
    }
    if (term.getMatchFields() != null) {
      for (NodeSelectorRequirement r : term.getMatchFields()) {
        any = true;
        if (!"metadata.name".equals(r.getKey())
            || !requirement(r.getOperator(), nodeName, true, r.getValues())) {
          return false;
        }
      }
    }
    return any; // an empty term matches no node, as in Kubernetes
  }

  private static boolean requirement(String op, String value, boolean present,
      List<String> values) {
    List<String> vs = values == null ? List.of() : values;
    return switch (op) {
      case "In" -> present && vs.contains(value);
      case "NotIn" -> !present || !vs.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> present && compare(op, value, vs);
      default -> false;
    };
  }

  private static boolean compare(String op, String value, List<String> vs) {
    try {
      long v = Long.parseLong(value);
      long bound = Long.parseLong(vs.get(0));
      return op.equals("Gt") ? v > bound : v < bound;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
