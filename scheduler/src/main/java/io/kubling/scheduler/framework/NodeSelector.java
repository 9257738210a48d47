package io.kubling.scheduler.framework;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node selector terms compiled once per pod: the terms are ORed, each term's match
 * expressions and match fields ANDed, as in Kubernetes' nodeaffinity helpers. A term with no
 * requirements, or with one that cannot be parsed (Gt with a non-integer), matches no node.
 */
public final class NodeSelector {
  /** The operators of a NodeSelectorRequirement. */
  public enum Operator { IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GT, LT }

  /** One requirement on a label (or on the field metadata.name). */
  public record Requirement(String key, Operator op, Set<String> values, long number) {
    boolean matches(Map<String, String> labels) {
      String v = labels.get(key);
      return switch (op) {
        case IN -> v != null && values.contains(v);
        case NOT_IN -> v == null || !values.contains(v);
        case EXISTS -> v != null;
        case DOES_NOT_EXIST -> v == null;
        case GT, LT -> v != null && compare(v);
      };
    }

    private boolean compare(String v) {
      long n;
      try {
        n = Long.parseLong(v);
      } catch (NumberFormatException e) {
        return false;
      }
      return op == Operator.GT ? n > number : n < number;
    }
  }

  /** One term; null lists mean "cannot match" (empty or invalid). */
  public record Term(List<Requirement> labels, List<Requirement> fields) {
    public boolean matches(String nodeName, Map<String, String> nodeLabels) {
      if (labels == null) {
        return false;
      }
      for (Requirement r : labels) {
        if (!r.matches(nodeLabels)) {
          return false;
        }
      }
      for (Requirement r : fields) {
        if (!r.matches(Map.of("metadata.name", nodeName))) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Term> terms;

  private NodeSelector(List<Term> terms) {
    this.terms = terms;
  }

  public static NodeSelector compile(List<NodeSelectorTerm> terms) {
    List<Term> out = new ArrayList<>();
    for (NodeSelectorTerm t : terms) {
      out.add(compileTerm(t));
    }
    return new NodeSelector(List.copyOf(out));
  }

  /** True when any term matches the node. */
  public boolean matches(String nodeName, Map<String, String> nodeLabels) {
    for (Term t : terms) {
      if (t.matches(nodeName, nodeLabels)) {
        return true;
      }
    }
    return false;
  }

  public static Term compileTerm(NodeSelectorTerm t) {
    List<NodeSelectorRequirement> exprs = t == null || t.getMatchExpressions() == null
        ? List.of() : t.getMatchExpressions();
    List<NodeSelectorRequirement> fields = t == null || t.getMatchFields() == null
        ? List.of() : t.getMatchFields();
    if (exprs.isEmpty() && fields.isEmpty()) {
      return new Term(null, null);
    }
    try {
      List<Requirement> labelReqs = new ArrayList<>();
      for (NodeSelectorRequirement r : exprs) {
        labelReqs.add(requirement(r, false));
      }
      List<Requirement> fieldReqs = new ArrayList<>();
      for (NodeSelectorRequirement r : fields) {
        fieldReqs.add(requirement(r, true));
      }
      return new Term(List.copyOf(labelReqs), List.copyOf(fieldReqs));
    } catch (IllegalArgumentException e) {
      return new Term(null, null);
    }
  }

  private static Requirement requirement(NodeSelectorRequirement r, boolean field) {
    List<String> values = r.getValues() == null ? List.of() : r.getValues();
    Operator op = switch (r.getOperator() == null ? "" : r.getOperator()) {
      case "In" -> Operator.IN;
      case "NotIn" -> Operator.NOT_IN;
      case "Exists" -> Operator.EXISTS;
      case "DoesNotExist" -> Operator.DOES_NOT_EXIST;
      case "Gt" -> Operator.GT;
      case "Lt" -> Operator.LT;
      default -> throw new IllegalArgumentException("unknown operator " + r.getOperator());
    };
    // Fields support only metadata.name with In and NotIn, as in Kubernetes.
    if (field && (!"metadata.name".equals(r.getKey())
        || (op != Operator.IN && op != Operator.NOT_IN))) {
      throw new IllegalArgumentException("unsupported field requirement " + r.getKey());
    }
    long number = 0;
    if (op == Operator.GT || op == Operator.LT) {
      if (values.size() != 1) {
        throw new IllegalArgumentException("Gt and Lt need exactly one value");
      }
      number = Long.parseLong(values.get(0));
    } else if ((op == Operator.IN || op == Operator.NOT_IN) && values.isEmpty()) {
      throw new IllegalArgumentException("In and NotIn need values");
    }
    return new Requirement(r.getKey(), op, Set.copyOf(values), number);
  }
}
