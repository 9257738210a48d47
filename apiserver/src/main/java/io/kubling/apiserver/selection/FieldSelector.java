package io.kubling.apiserver.selection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An immutable field selector with Kubernetes' semantics: {@code field=value} and
 * {@code field!=value} terms, all of which must hold, as in {@code ?fieldSelector=}.
 */
public final class FieldSelector {
  /** Selects every object: the empty selector. */
  public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

  private record Term(String field, boolean equal, String value) implements Comparable<Term> {
    boolean matches(Function<String, String> valueOf) {
      String have = valueOf.apply(field);
      return value.equals(have == null ? "" : have) == equal;
    }

    @Override
    public int compareTo(Term o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return field + (equal ? "=" : "!=") + FieldSyntax.escape(value);
    }
  }

  private final List<Term> terms;

  private FieldSelector(List<Term> terms) {
    this.terms = terms;
  }

  /**
   * Parses {@code a=b,c!=d}; null or empty selects everything. Field names are not checked here:
   * which fields a resource supports is the caller's to decide.
   */
  public static FieldSelector parse(String s) {
    if (s == null || s.isEmpty()) {
      return EVERYTHING;
    }
    List<Term> terms = new ArrayList<>();
    for (String part : FieldSyntax.splitTerms(s)) {
      if (part.isEmpty()) {
        continue; // Kubernetes skips empty terms, so "a=b," is "a=b"
      }
      String[] t = FieldSyntax.splitTerm(part);
      if (t == null) {
        throw new IllegalArgumentException(
            "invalid selector: '" + s + "'; can't understand '" + part + "'");
      }
      terms.add(new Term(t[0], !t[1].equals("!="), FieldSyntax.unescape(t[2], part)));
    }
    // Sorted and deduplicated, so that selectors meaning the same print and compare alike.
    return new FieldSelector(terms.stream().distinct().sorted().toList());
  }

  /** The fields the selector reads, sorted. */
  public Set<String> fields() {
    Set<String> out = terms.stream().map(Term::field).collect(Collectors.toCollection(TreeSet::new));
    return Collections.unmodifiableSet(out);
  }

  public boolean isEverything() {
    return terms.isEmpty();
  }

  /** Whether an object is selected, given each field's value; null is read as "", as Kubernetes does. */
  public boolean matches(Function<String, String> valueOf) {
    for (Term t : terms) {
      if (!t.matches(valueOf)) {
        return false;
      }
    }
    return true;
  }

  /** The value the selector requires of a field ({@code field=value}), e.g. to serve metadata.name=x by key. */
  public Optional<String> requiredValue(String field) {
    return terms.stream().filter(t -> t.equal && t.field.equals(field)).map(Term::value).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSelector other && terms.equals(other.terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }

  /** The canonical form, terms sorted and values escaped, which {@link #parse} reads back. */
  @Override
  public String toString() {
    return terms.stream().map(Term::toString).collect(Collectors.joining(","));
  }
}
