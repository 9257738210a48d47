package io.kubling.proxy.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * iptables-restore text parsed into tables of chains of tokenised rules: what the packet tracer
 * walks and the consistency check inspects.
 */
public final class IptablesRuleset {

  /** One table: its declared chains in order, and the rules appended to each chain. */
  public record Table(String name, List<String> declared, Map<String, List<List<String>>> rules,
      List<String> deleted) {}

  private final Map<String, Table> tables;

  private IptablesRuleset(Map<String, Table> tables) {
    this.tables = tables;
  }

  public Table table(String name) {
    Table t = tables.get(name);
    return t != null ? t : new Table(name, List.of(), Map.of(), List.of());
  }

  public Map<String, Table> tables() {
    return tables;
  }

  public static IptablesRuleset parse(String text) {
    Map<String, Table> tables = new LinkedHashMap<>();
    Table current = null;
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("*")) {
        current = new Table(line.substring(1), new ArrayList<>(), new LinkedHashMap<>(),
            new ArrayList<>());
        tables.put(current.name(), current);
      } else if (line.equals("COMMIT")) {
        current = null;
      } else if (current == null) {
        throw new IllegalArgumentException("rule outside a table: " + line);
      } else if (line.startsWith(":")) {
        String chain = line.substring(1, line.indexOf(' '));
        current.declared().add(chain);
        current.rules().putIfAbsent(chain, new ArrayList<>());
      } else if (line.startsWith("-X ")) {
        current.deleted().add(line.substring(3).trim());
      } else {
        List<String> tokens = tokenize(line);
        if (tokens.size() < 2 || !(tokens.get(0).equals("-A") || tokens.get(0).equals("-I"))) {
          throw new IllegalArgumentException("not an -A/-I rule: " + line);
        }
        current.rules().computeIfAbsent(tokens.get(1), k -> new ArrayList<>())
            .add(tokens.subList(2, tokens.size()));
      }
    }
    return new IptablesRuleset(tables);
  }

  /** Splits on spaces, keeping double-quoted strings (comments) as one token. */
  static List<String> tokenize(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          out.add(cur.toString());
          cur.setLength(0);
          any = false;
        }
      } else {
        cur.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(cur.toString());
    }
    return out;
  }
}
