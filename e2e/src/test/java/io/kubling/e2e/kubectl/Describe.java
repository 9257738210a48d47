package io.kubling.e2e.kubectl;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads kubectl describe output: "Field:  value" lines and the Events table at its end. */
final class Describe {
  static final List<String> EVENT_COLUMNS = List.of("Type", "Reason", "Age", "From", "Message");

  private Describe() {}

  /** The value of the first line that starts with "name:", e.g. {@code Status}. */
  static String field(String out, String name) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + ":[ \\t]*(.*)$").matcher(out);
    if (!m.find()) {
      throw new AssertionError("no field " + name + " in:\n" + out);
    }
    return m.group(1).strip();
  }

  /** The Events table, without its row of dashes; fails if describe printed none. */
  static Table events(String out) {
    int at = out.indexOf("\nEvents:\n");
    if (at < 0) {
      throw new AssertionError("no Events table in:\n" + out);
    }
    String table = out.substring(at + "\nEvents:\n".length()).lines()
        .filter(l -> !l.strip().startsWith("----")).map(l -> l.substring(2))
        .reduce("", (a, b) -> a + b + "\n");
    return Table.parse(table);
  }
}
