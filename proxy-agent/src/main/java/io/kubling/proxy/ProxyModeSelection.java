package io.kubling.proxy;

import java.util.List;
import java.util.Optional;

/**
 * The mode the proxy actually runs in, given the requested --proxy-mode, the optional
 * --proxy-mode-fallback and what the machine lacks. Never falls back silently: without a fallback
 * an unavailable mode is an error naming what is missing; with one, the result says so, for the
 * log line, the Node annotation and the metric.
 *
 * @param requested the --proxy-mode asked for
 * @param actual the mode in use
 * @param reason why {@code actual} differs from {@code requested}; empty when they agree
 */
public record ProxyModeSelection(ProxyMode requested, ProxyMode actual, Optional<String> reason) {

  /** The Node annotation that reports the mode in use. */
  public static final String ANNOTATION = "proxy.kubling.io/mode";

  /** Thrown when the requested mode cannot run and no fallback was given. */
  public static final class UnavailableException extends RuntimeException {
    public UnavailableException(String message) {
      super(message);
    }
  }

  /**
   * @param missing what the machine lacks for the requested mode (empty: it can run)
   * @param fallback --proxy-mode-fallback; empty when not given
   */
  public static ProxyModeSelection select(ProxyMode requested, List<String> missing,
      Optional<ProxyMode> fallback) {
    if (missing.isEmpty()) {
      return new ProxyModeSelection(requested, requested, Optional.empty());
    }
    String why = "proxy mode " + requested.flagValue() + " cannot run on this node: it needs "
        + String.join(", ", missing);
    if (fallback.isEmpty() || fallback.get() == requested) {
      throw new UnavailableException(why + ". Choose another --proxy-mode (iptables, nftables or "
          + "userspace), or pass --proxy-mode-fallback=iptables to run in iptables mode and "
          + "report it.");
    }
    return new ProxyModeSelection(requested, fallback.get(),
        Optional.of(why + "; running in " + fallback.get().flagValue() + " mode instead "
            + "(--proxy-mode-fallback)"));
  }

  public boolean fellBack() {
    return requested != actual;
  }

  /** The annotation value: the mode in use, and the requested one when they differ. */
  public String annotationValue() {
    return fellBack() ? actual.flagValue() + " (requested " + requested.flagValue() + ")"
        : actual.flagValue();
  }

  /** kubeproxy_proxy_mode{requested,actual} 1, as a /metrics family. */
  public io.kubling.component.metrics.MetricFamily metric() {
    return io.kubling.component.metrics.MetricFamily.gauge("kubeproxy_proxy_mode",
        "The proxy mode in use (1), labelled with the mode that was requested.",
        java.util.Map.of("requested", requested.flagValue(), "actual", actual.flagValue()), 1);
  }
}
