package io.kubling.scheduler.json;

/**
 * JSON string literals for the request bodies the scheduler writes by hand (bindings, events):
 * a template and a quote are far cheaper per pod than building model objects and serializing
 * them, which matters on the client's event loop at thousands of pods per second.
 */
public final class JsonString {
  private JsonString() {}

  /** {@code s} as a quoted JSON string, escaping quotes, backslashes and control characters. */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
