package io.kubling.apiserver.protobuf;

/** Go's time.Duration.String(), the JSON form of meta/v1 Duration ("1h2m3.5s", "1.5ms", "0s"). */
final class GoDuration {
  private GoDuration() {}

  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    // The magnitude is unsigned so that Long.MIN_VALUE works as in Go.
    long u = nanos < 0 ? -nanos : nanos;
    String sign = nanos < 0 ? "-" : "";
    if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
      if (u < 1_000L) {
        return sign + u + "ns";
      }
      return u < 1_000_000L ? sign + decimal(u, 3) + "µs" : sign + decimal(u, 6) + "ms";
    }
    long seconds = Long.divideUnsigned(u, 1_000_000_000L);
    long fraction = Long.remainderUnsigned(u, 1_000_000_000L);
    String secs = decimal(seconds % 60 * 1_000_000_000L + fraction, 9) + "s";
    long minutes = seconds / 60;
    if (minutes == 0) {
      return sign + secs;
    }
    long hours = minutes / 60;
    return sign + (hours == 0 ? "" : hours + "h") + minutes % 60 + "m" + secs;
  }

  /** v / 10^prec with the fraction's trailing zeros (and then the point) left off. */
  private static String decimal(long v, int prec) {
    long scale = (long) Math.pow(10, prec);
    long frac = v % scale;
    if (frac == 0) {
      return Long.toString(v / scale);
    }
    String digits = String.format("%0" + prec + "d", frac).replaceAll("0+$", "");
    return v / scale + "." + digits;
  }
}
