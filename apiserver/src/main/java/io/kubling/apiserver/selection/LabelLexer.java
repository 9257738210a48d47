package io.kubling.apiserver.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Splits a label selector string into tokens, the way Kubernetes' selector lexer does. */
final class LabelLexer {
  enum Kind {
    IDENTIFIER, IN, NOT_IN, OPEN, CLOSE, COMMA, BANG,
    EQUALS, DOUBLE_EQUALS, NOT_EQUALS, GREATER, LESS, END
  }

  record Token(Kind kind, String text) {}

  static final Token END = new Token(Kind.END, "end of string");

  private static final Map<String, Kind> SYMBOLS = Map.of(
      "(", Kind.OPEN, ")", Kind.CLOSE, ",", Kind.COMMA, "!", Kind.BANG,
      "=", Kind.EQUALS, "==", Kind.DOUBLE_EQUALS, "!=", Kind.NOT_EQUALS,
      ">", Kind.GREATER, "<", Kind.LESS);
  private static final Map<String, Kind> KEYWORDS = Map.of("in", Kind.IN, "notin", Kind.NOT_IN);

  private LabelLexer() {}

  /** All tokens of s, always ending with {@link #END}. */
  static List<Token> tokens(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      if (i == n) {
        out.add(END);
        return out;
      }
      int start = i;
      if (isSymbol(s.charAt(i))) {
        // The longest symbol wins, so "!=" is one token and "=(" two; none is longer than two.
        i++;
        if (i < n && SYMBOLS.containsKey(s.substring(start, i + 1))) {
          i++;
        }
        String text = s.substring(start, i);
        out.add(new Token(SYMBOLS.get(text), text));
      } else {
        while (i < n && !isSpace(s.charAt(i)) && !isSymbol(s.charAt(i))) {
          i++;
        }
        String text = s.substring(start, i);
        out.add(new Token(KEYWORDS.getOrDefault(text, Kind.IDENTIFIER), text));
      }
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isSymbol(char c) {
    return "=!(),<>".indexOf(c) >= 0;
  }
}
