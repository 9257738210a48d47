package io.kubling.apiserver.strategy;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/** resource.Quantity text ("100m", "1Gi", "2e3") read as an exact number. */
final class Quantities {
  /** resource.ErrFormatWrong, word for word. */
  static final String FORMAT_ERROR = "quantities must match the regular expression"
      + " '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

  private static final String SUFFIX_LETTERS = "eEinumkKMGTP";
  private static final Pattern EXPONENT = Pattern.compile("[eE][-+]?[0-9]+");
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
      Map.entry("m", new BigDecimal("1e-3")), Map.entry("k", new BigDecimal("1e3")),
      Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
      Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")),
      Map.entry("E", new BigDecimal("1e18")),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
      Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

  private Quantities() {}

  /** The value, or null when the text is not a quantity. */
  static BigDecimal parse(String text) {
    if (text == null) {
      return null;
    }
    // FORMAT, matched by hand: a Matcher per quantity showed in the allocation profile of
    // pod creates. Greedy digits never need to give any back: a suffix that fails after
    // them fails with them too, so this takes the same texts as the pattern.
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = i;
    while (i < n && (isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i == digits) {
      return null;
    }
    int suffixStart = i;
    while (i < n && SUFFIX_LETTERS.indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    if (i != n) {
      return null;
    }
    BigDecimal number;
    try {
      number = new BigDecimal(text.substring(0, suffixStart));
    } catch (NumberFormatException e) {
      return null;
    }
    String suffix = text.substring(suffixStart);
    BigDecimal factor = SUFFIXES.get(suffix);
    if (factor == null && EXPONENT.matcher(suffix).matches()) {
      factor = BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    }
    return factor == null ? null : number.multiply(factor);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
