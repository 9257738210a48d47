package io.kubling.apiserver.selection;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One requirement of a label selector, such as {@code tier in (a,b)}; the constructor checks it
 * as Kubernetes' NewRequirement does, so an invalid requirement cannot exist.
 *
 * @param key the label key
 * @param operator how the label's value is compared
 * @param values the values compared with, sorted and without duplicates
 */
public record Requirement(String key, Operator operator, List<String> values)
    implements Comparable<Requirement> {

  private static final Comparator<Requirement> ORDER = Comparator.comparing(Requirement::key)
      .thenComparing(Requirement::operator)
      .thenComparing(r -> String.join(",", r.values()));

  public Requirement {
    requireNonNull(key, "key should not be null");
    requireNonNull(operator, "operator should not be null");
    requireNonNull(values, "values should not be null");
    checkKey(key);
    // Values are a set in Kubernetes; sorting them makes equal requirements print alike.
    values = List.copyOf(new TreeSet<>(values));
    checkValues(key, operator, values);
  }

  /** A requirement from any collection of values, e.g. a set parsed from {@code in (a,b)}. */
  public static Requirement of(String key, Operator operator, Collection<String> values) {
    return new Requirement(key, operator, List.copyOf(values));
  }

  static void checkKey(String key) {
    List<String> errs = LabelSyntax.keyErrors(key);
    if (!errs.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid label key \"" + key + "\": " + String.join("; ", errs));
    }
  }

  private static void checkValues(String key, Operator op, List<String> values) {
    switch (op) {
      case IN, NOT_IN -> require(!values.isEmpty(),
          "for 'in', 'notin' operators, values set can't be empty");
      case EQUALS, NOT_EQUALS -> require(values.size() == 1,
          "exact-match compatibility requires one single value");
      case EXISTS, DOES_NOT_EXIST -> require(values.isEmpty(),
          "values set must be empty for exists and does not exist");
      case GREATER_THAN, LESS_THAN -> {
        require(values.size() == 1, "for '>', '<' operators, exactly one value is required");
        require(integer(values.get(0)) != null,
            "for '>', '<' operators, the value must be an integer, got \"" + values.get(0) + "\"");
      }
    }
    for (String v : values) {
      List<String> errs = LabelSyntax.valueErrors(v);
      if (!errs.isEmpty()) {
        throw new IllegalArgumentException("invalid label value: \"" + v + "\": at key: \"" + key
            + "\": " + String.join("; ", errs));
      }
    }
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Whether a set of labels satisfies this requirement; an absent key satisfies != and notin. */
  public boolean matches(Map<String, String> labels) {
    String v = labels.get(key);
    return switch (operator) {
      case EQUALS, IN -> v != null && values.contains(v);
      case NOT_EQUALS, NOT_IN -> v == null || !values.contains(v);
      case EXISTS -> v != null;
      case DOES_NOT_EXIST -> v == null;
      case GREATER_THAN, LESS_THAN -> compares(v);
    };
  }

  // As in Kubernetes, a label that is missing or not an integer never satisfies > or <.
  private boolean compares(String v) {
    Long have = v == null ? null : integer(v);
    if (have == null) {
      return false;
    }
    long want = integer(values.get(0));
    return operator == Operator.GREATER_THAN ? have > want : have < want;
  }

  private static Long integer(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public int compareTo(Requirement o) {
    return ORDER.compare(this, o);
  }

  /** The requirement in selector syntax, e.g. {@code app=web}, {@code !canary}, {@code tier in (a,b)}. */
  @Override
  public String toString() {
    return switch (operator) {
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case EQUALS -> key + "=" + values.get(0);
      case NOT_EQUALS -> key + "!=" + values.get(0);
      case GREATER_THAN -> key + ">" + values.get(0);
      case LESS_THAN -> key + "<" + values.get(0);
      case IN -> key + " in (" + String.join(",", values) + ")";
      case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
    };
  }
}
