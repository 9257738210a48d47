package io.kubling.component.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations the way Kubernetes' flags write them (Go's time.ParseDuration): 15s, 500ms, 1m30s. */
public final class GoDuration {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Long> NANOS = Map.of(
      "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
      "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** The duration, or IllegalArgumentException naming the text; "0" alone needs no unit, as in Go. */
  public static Duration parse(String text) {
    String s = text.strip();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    Matcher m = PART.matcher(s);
    BigDecimal nanos = BigDecimal.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("invalid duration \"" + text
            + "\": want a number and a unit (ns, us, ms, s, m, h), e.g. 15s or 1m30s");
      }
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(NANOS.get(m.group(2)))));
      at = m.end();
    }
    if (at == 0) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
    Duration d;
    try {
      d = Duration.ofNanos(nanos.setScale(0, RoundingMode.DOWN).longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("invalid duration \"" + text + "\": out of range");
    }
    return negative ? d.negated() : d;
  }

  /** A short spelling that {@link #parse} reads back, e.g. 15s, 500ms, 1m30s — for help and messages. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder out = new StringBuilder(d.isNegative() ? "-" : "");
    Duration a = d.abs();
    if (a.compareTo(Duration.ofSeconds(1)) < 0) {
      return out.append(a.toNanos() % 1_000_000 == 0 ? a.toMillis() + "ms" : a.toNanos() + "ns")
          .toString();
    }
    if (a.toHours() > 0) {
      out.append(a.toHours()).append('h');
    }
    if (a.toMinutesPart() > 0) {
      out.append(a.toMinutesPart()).append('m');
    }
    BigDecimal seconds = BigDecimal.valueOf(a.toSecondsPart())
        .add(BigDecimal.valueOf(a.toNanosPart(), 9)).stripTrailingZeros();
    if (seconds.signum() > 0) {
      out.append(seconds.toPlainString()).append('s');
    }
    return out.toString();
  }
}
