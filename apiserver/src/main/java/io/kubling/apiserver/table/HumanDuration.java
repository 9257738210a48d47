package io.kubling.apiserver.table;

import java.time.Duration;
import java.time.Instant;

/**
 * Kubernetes' duration.HumanDuration (k8s.io/apimachinery/pkg/util/duration): the two or three
 * significant figures of an age that tables print, e.g. {@code 90s}, {@code 3m12s}, {@code 5d}.
 */
public final class HumanDuration {
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  private HumanDuration() {}

  /** The age of a timestamp at {@code now}, as translateTimestampSince; null prints {@code <unknown>}. */
  public static String since(Instant t, Instant now) {
    return t == null ? "<unknown>" : format(Duration.between(t, now));
  }

  public static String format(Duration d) {
    long ns = nanos(d);
    // A clock up to 2s behind is "now" (as upstream); more is a bug worth showing.
    long seconds = ns / SECOND;
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = ns / MINUTE;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = ns / HOUR;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = hours / 24 % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }

  // Go's time.Duration saturates at about 292 years; so does this.
  private static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
