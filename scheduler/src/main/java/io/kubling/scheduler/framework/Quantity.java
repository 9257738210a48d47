package io.kubling.scheduler.framework;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Kubernetes resource quantities (100m, 1.5, 128Mi, 1G, 1e3) as resource.ParseQuantity
 * does, and rounds them up the way Quantity.Value and Quantity.MilliValue do.
 */
public final class Quantity {
  // "E" alone is exa; "E3" is an exponent: the regex tries the suffixes, then backtracks.
  private static final Pattern QUANTITY = Pattern.compile(
      "([+-]?(?:\\d+\\.?\\d*|\\.\\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\\d+)?");
  private static final Map<String, BigDecimal> SUFFIX = Map.ofEntries(
      Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
      Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
      Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)),
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")));

  private Quantity() {}

  /** The exact value, or IllegalArgumentException naming the text. */
  public static BigDecimal parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("quantity should not be null");
    }
    Matcher m = QUANTITY.matcher(text.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("quantities must match the regular expression "
          + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': " + text);
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2);
    if (suffix == null) {
      return number;
    }
    BigDecimal scale = SUFFIX.get(suffix);
    if (scale != null) {
      return number.multiply(scale);
    }
    return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
  }

  /** The value rounded up to a whole number, as Quantity.Value: "1.5" is 2, "128Mi" 134217728. */
  public static long value(String text) {
    return toLong(parse(text));
  }

  /** Thousandths rounded up, as Quantity.MilliValue: "100m" is 100, "1.5" is 1500, "1n" is 1. */
  public static long milliValue(String text) {
    return toLong(parse(text).scaleByPowerOfTen(3));
  }

  /** A fabric8 quantity's value (amount and format), 0 when absent. */
  public static long value(io.fabric8.kubernetes.api.model.Quantity q) {
    if (q == null) {
      return 0;
    }
    long milli = fastMilli(q.getAmount(), q.getFormat());
    return milli >= 0 ? milli / 1000 + (milli % 1000 == 0 ? 0 : 1) : value(text(q));
  }

  /** A fabric8 quantity's thousandths, 0 when absent. */
  public static long milliValue(io.fabric8.kubernetes.api.model.Quantity q) {
    if (q == null) {
      return 0;
    }
    long milli = fastMilli(q.getAmount(), q.getFormat());
    return milli >= 0 ? milli : milliValue(text(q));
  }

  /**
   * The thousandths of the forms nearly every pod and node uses — whole digits and a suffix
   * m, k, M, G, T, Ki, Mi, Gi, Ti or none ("100m", "128Mi", "32") — without a regex or
   * BigDecimal; -1 for anything else (or too large), which the exact parser then handles.
   */
  static long fastMilli(String amount, String format) {
    if (amount == null || amount.isEmpty() || amount.length() > 15) {
      return -1;
    }
    long n = 0;
    for (int i = 0; i < amount.length(); i++) {
      char c = amount.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    long scale = switch (format == null ? "" : format) {
      case "" -> 1000L;
      case "m" -> 1L;
      case "k" -> 1000_000L;
      case "M" -> 1000_000_000L;
      case "G" -> 1000_000_000_000L;
      case "T" -> 1000_000_000_000_000L;
      case "Ki" -> 1000L << 10;
      case "Mi" -> 1000L << 20;
      case "Gi" -> 1000L << 30;
      case "Ti" -> 1000L << 40;
      default -> -1;
    };
    if (scale < 0) {
      return -1;
    }
    try {
      return Math.multiplyExact(n, scale);
    } catch (ArithmeticException e) {
      return -1;
    }
  }

  private static String text(io.fabric8.kubernetes.api.model.Quantity q) {
    String amount = q.getAmount() == null ? "" : q.getAmount();
    return q.getFormat() == null ? amount : amount + q.getFormat();
  }

  private static long toLong(BigDecimal v) {
    BigDecimal up = v.setScale(0, RoundingMode.CEILING);
    // Kubernetes saturates rather than overflow.
    if (up.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Long.MAX_VALUE;
    }
    if (up.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      return Long.MIN_VALUE;
    }
    return up.longValueExact();
  }
}
