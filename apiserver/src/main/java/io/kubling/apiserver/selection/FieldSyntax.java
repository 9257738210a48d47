package io.kubling.apiserver.selection;

import java.util.ArrayList;
import java.util.List;

/** The lexical rules of field selectors: splitting on unescaped commas, and value escaping. */
final class FieldSyntax {
  // Tried in this order at each position, so "a!=b" is never read as field "a!" equal to "b".
  private static final String[] OPERATORS = {"!=", "==", "="};

  private FieldSyntax() {}

  /** The terms of a selector: split on commas not preceded by a backslash. */
  static List<String> splitTerms(String s) {
    List<String> out = new ArrayList<>();
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  /** {field, operator, raw value} at the first operator of a term, or null when it has none. */
  static String[] splitTerm(String term) {
    for (int i = 0; i < term.length(); i++) {
      for (String op : OPERATORS) {
        if (term.startsWith(op, i)) {
          return new String[] {term.substring(0, i), op, term.substring(i + op.length())};
        }
      }
    }
    return null;
  }

  /**
   * Undoes {@link #escape}: {@code \\ \, \=} as Kubernetes, and also {@code \!}, which
   * Kubernetes refuses but some hand-written selectors use; bare ',' and '=' are refused.
   */
  static String unescape(String v, String term) {
    StringBuilder out = new StringBuilder(v.length());
    boolean escaped = false;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (escaped) {
        if ("\\,=!".indexOf(c) < 0) {
          throw new IllegalArgumentException("invalid field selector: invalid escape sequence '\\"
              + c + "' in '" + term + "'");
        }
        out.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        throw new IllegalArgumentException("invalid field selector: unescaped character '" + c
            + "' in the value of '" + term + "'");
      } else {
        out.append(c);
      }
    }
    if (escaped) {
      throw new IllegalArgumentException(
          "invalid field selector: invalid escape sequence '\\' at the end of '" + term + "'");
    }
    return out.toString();
  }

  /** A value as it must be written in a selector: backslash, comma and equals escaped. */
  static String escape(String v) {
    return v.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=");
  }
}
