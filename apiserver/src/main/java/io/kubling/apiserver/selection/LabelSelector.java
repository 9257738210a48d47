package io.kubling.apiserver.selection;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An immutable label selector with Kubernetes' semantics: requirements that must all hold, read
 * from the {@code ?labelSelector=} string or from a metav1.LabelSelector object.
 */
public final class LabelSelector {
  /** Selects every object: the empty string, or the JSON selector {@code {}}. */
  public static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
  /** Selects no object: what a missing JSON selector means in Kubernetes. */
  public static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

  private final List<Requirement> requirements;
  private final boolean nothing;

  private LabelSelector(List<Requirement> requirements, boolean nothing) {
    this.requirements = requirements;
    this.nothing = nothing;
  }

  /** Parses the string form; null or blank selects everything; bad syntax is an IllegalArgumentException. */
  public static LabelSelector parse(String s) {
    return s == null ? EVERYTHING : of(LabelParser.parse(s));
  }

  /**
   * Reads a metav1.LabelSelector ({@code matchLabels}, {@code matchExpressions}) as
   * LabelSelectorAsSelector does: null or missing selects nothing, {@code {}} everything.
   */
  public static LabelSelector fromJson(JsonNode selector) {
    return LabelSelectorJson.read(selector);
  }

  /** The selector requiring every key=value of a map, as a Service's selector; empty selects everything. */
  public static LabelSelector fromSet(Map<String, String> labels) {
    return of(labels.entrySet().stream()
        .map(e -> new Requirement(e.getKey(), Operator.EQUALS, List.of(e.getValue())))
        .toList());
  }

  /** The selector requiring all the given requirements; none selects everything. */
  public static LabelSelector of(Collection<Requirement> requirements) {
    // Sorted and deduplicated, so that selectors meaning the same print and compare alike.
    List<Requirement> sorted = requirements.stream().distinct().sorted().toList();
    return sorted.isEmpty() ? EVERYTHING : new LabelSelector(sorted, false);
  }

  public List<Requirement> requirements() {
    return requirements;
  }

  /** Whether an object with these labels is selected; null labels are no labels. */
  public boolean matches(Map<String, String> labels) {
    if (nothing) {
      return false;
    }
    Map<String, String> ls = labels == null ? Collections.emptyMap() : labels;
    for (Requirement r : requirements) {
      if (!r.matches(ls)) {
        return false;
      }
    }
    return true;
  }

  public boolean isEverything() {
    return !nothing && requirements.isEmpty();
  }

  public boolean isNothing() {
    return nothing;
  }

  /**
   * The key=value pairs that every selected object must have ({@code =}, {@code ==}, and
   * {@code in} with one value): any of them may drive an index lookup without missing a match.
   */
  public Map<String, String> exactMatches() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Requirement r : requirements) {
      boolean exact = r.operator() == Operator.EQUALS
          || (r.operator() == Operator.IN && r.values().size() == 1);
      if (exact) {
        out.putIfAbsent(r.key(), r.values().get(0));
      }
    }
    return Collections.unmodifiableMap(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LabelSelector other
        && nothing == other.nothing && requirements.equals(other.requirements);
  }

  @Override
  public int hashCode() {
    return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
  }

  /**
   * The canonical string form, requirements sorted by key ({@code app=x,tier in (a,b)}), which
   * {@link #parse} reads back. As in Kubernetes, both EVERYTHING and NOTHING print as "".
   */
  @Override
  public String toString() {
    return requirements.stream().map(Requirement::toString).collect(Collectors.joining(","));
  }
}
