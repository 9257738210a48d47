package io.kubling.apiserver.selection;

import io.kubling.apiserver.selection.LabelLexer.Kind;
import io.kubling.apiserver.selection.LabelLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recursive-descent parser for the label selector grammar of Kubernetes' pkg/labels: it accepts
 * the same strings and words its errors the same way.
 */
final class LabelParser {
  private final List<Token> tokens;
  private int pos;

  private LabelParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static List<Requirement> parse(String s) {
    return new LabelParser(LabelLexer.tokens(s)).requirements();
  }

  private List<Requirement> requirements() {
    List<Requirement> out = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.END) {
        return out;
      }
      if (!startsRequirement(t)) {
        throw error("found '%s', expected: !, identifier, or 'end of string'", t);
      }
      try {
        out.add(requirement());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unable to parse requirement: " + e.getMessage(), e);
      }
      Token after = next();
      if (after.kind() == Kind.END) {
        return out;
      }
      if (after.kind() != Kind.COMMA) {
        throw error("found '%s', expected: ',' or 'end of string'", after);
      }
      if (!startsRequirement(peek())) {
        throw error("found '%s', expected: identifier after ','", peek());
      }
    }
  }

  private static boolean startsRequirement(Token t) {
    return t.kind() == Kind.IDENTIFIER || t.kind() == Kind.BANG;
  }

  private Requirement requirement() {
    Token t = next();
    boolean absent = t.kind() == Kind.BANG;
    if (absent) {
      t = next();
    }
    if (t.kind() != Kind.IDENTIFIER) {
      throw error("found '%s', expected: identifier", t);
    }
    String key = t.text();
    // The key is checked before the operator so that a bad key is the error reported.
    Requirement.checkKey(key);
    if (absent) {
      return new Requirement(key, Operator.DOES_NOT_EXIST, List.of());
    }
    Kind following = peek().kind();
    if (following == Kind.END || following == Kind.COMMA) {
      return new Requirement(key, Operator.EXISTS, List.of());
    }
    Token op = tokens.get(pos++); // in operator position, "in" and "notin" are keywords
    return switch (op.kind()) {
      case IN -> Requirement.of(key, Operator.IN, values());
      case NOT_IN -> Requirement.of(key, Operator.NOT_IN, values());
      case EQUALS, DOUBLE_EQUALS -> new Requirement(key, Operator.EQUALS, exactValue());
      case NOT_EQUALS -> new Requirement(key, Operator.NOT_EQUALS, exactValue());
      case GREATER -> new Requirement(key, Operator.GREATER_THAN, exactValue());
      case LESS -> new Requirement(key, Operator.LESS_THAN, exactValue());
      default -> throw error("found '%s', expected: in, notin, =, ==, !=, >, <", op);
    };
  }

  private Set<String> values() {
    Token open = next();
    if (open.kind() != Kind.OPEN) {
      throw error("found '%s', expected: '('", open);
    }
    Token t = peek();
    switch (t.kind()) {
      case CLOSE -> {
        next();
        return Set.of(""); // "()" is the set holding the empty value, as in Kubernetes
      }
      case IDENTIFIER, COMMA -> {
        return identifiers();
      }
      default -> throw error("found '%s', expected: ',', ')' or identifier", t);
    }
  }

  // Reads "a,b)" including the closing parenthesis; an empty item (",a" "a,,b" "a,)") is "".
  private Set<String> identifiers() {
    Set<String> out = new TreeSet<>();
    boolean wantItem = true;
    while (true) {
      Token t = next();
      if (t.kind() == Kind.CLOSE) {
        if (wantItem) {
          out.add("");
        }
        return out;
      }
      if (t.kind() == Kind.IDENTIFIER && wantItem) {
        out.add(t.text());
        wantItem = false;
      } else if (t.kind() == Kind.COMMA) {
        if (wantItem) {
          out.add("");
        }
        wantItem = true;
      } else {
        throw error(wantItem ? "found '%s', expected: ',', or identifier"
            : "found '%s', expected: ',' or ')'", t);
      }
    }
  }

  private List<String> exactValue() {
    Kind following = peek().kind();
    if (following == Kind.END || following == Kind.COMMA) {
      return List.of("");
    }
    Token t = next();
    if (t.kind() != Kind.IDENTIFIER) {
      throw error("found '%s', expected: identifier", t);
    }
    return List.of(t.text());
  }

  // Outside operator position "in" and "notin" are plain words, so they can be keys and values.
  private Token peek() {
    return asValue(tokens.get(pos));
  }

  private Token next() {
    Token t = peek();
    if (t.kind() != Kind.END) {
      pos++;
    }
    return t;
  }

  private static Token asValue(Token t) {
    return t.kind() == Kind.IN || t.kind() == Kind.NOT_IN ? new Token(Kind.IDENTIFIER, t.text()) : t;
  }

  private static IllegalArgumentException error(String format, Token t) {
    return new IllegalArgumentException(String.format(format, t.text()));
  }
}
