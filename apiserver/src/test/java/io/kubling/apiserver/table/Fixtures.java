package io.kubling.apiserver.table;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Objects written as single-quoted JSON, and times relative to a fixed now. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private Fixtures() {}

  /** Single-quoted JSON, with {@code @5m} standing for the timestamp 5 minutes before NOW. */
  static ObjectNode json(String singleQuoted) {
    StringBuilder out = new StringBuilder();
    String s = singleQuoted.replace('\'', '"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch != '@') {
        out.append(ch);
        continue;
      }
      int j = i + 1;
      while (j < s.length() && Character.isLetterOrDigit(s.charAt(j))) {
        j++;
      }
      out.append('"').append(ago(s.substring(i + 1, j))).append('"');
      i = j - 1;
    }
    return Json.parseObject(out.toString().getBytes(UTF_8));
  }

  /** NOW minus a duration such as {@code 45s}, {@code 5m}, {@code 3h}, {@code 2d}. */
  static String ago(String d) {
    long n = Long.parseLong(d.substring(0, d.length() - 1));
    Duration dur = switch (d.charAt(d.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException(d);
    };
    return NOW.minus(dur).toString();
  }

  static List<Object> cells(TableConvertor c, String singleQuoted) {
    return c.cells(json(singleQuoted), NOW);
  }
}
