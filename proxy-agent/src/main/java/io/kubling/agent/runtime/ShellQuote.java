package io.kubling.agent.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** Joins an argv into one POSIX shell word list, for tools that take a command string. */
public final class ShellQuote {
  private ShellQuote() {}

  public static String join(List<String> argv) {
    return argv.stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
  }

  static String quote(String s) {
    if (!s.isEmpty() && s.chars().allMatch(c -> Character.isLetterOrDigit(c)
        || "-_./=:,+@%".indexOf(c) >= 0)) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
