package io.kubling.proxy.iptables;

import io.kubling.proxy.Protocol;
import java.util.Locale;

/** Small formatting helpers shared by the iptables renderers. */
final class RuleText {
  private RuleText() {}

  /** A comment match; quoted, as iptables-save prints it, only when it holds a space. */
  static String comment(String text) {
    return "-m comment --comment " + (text.indexOf(' ') >= 0 ? "\"" + text + "\"" : text);
  }

  /** The protocol match in iptables-save's order: {@code -m tcp -p tcp}. */
  static String proto(Protocol p) {
    return "-m " + p.lower() + " -p " + p.lower();
  }

  /** 1/n with ten decimals, as kube-proxy writes statistic probabilities. */
  static String probability(int n) {
    return String.format(Locale.ROOT, "%.10f", 1.0 / n);
  }
}
