package io.kubling.component.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders metric families in Prometheus' text exposition format (version 0.0.4). */
public final class PrometheusText {
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private PrometheusText() {}

  /**
   * The exposition text. Families of the same name from several sources (two controllers'
   * counters, say) are merged, because Prometheus rejects a second TYPE line for a name.
   */
  public static String render(Collection<MetricFamily> families) {
    Map<String, MetricFamily> merged = new LinkedHashMap<>();
    for (MetricFamily f : families) {
      merged.merge(f.name(), f, (a, b) -> {
        if (!a.type().equals(b.type())) {
          throw new IllegalStateException("metric " + a.name() + " reported as both "
              + a.type() + " and " + b.type());
        }
        List<MetricFamily.Sample> samples = new ArrayList<>(a.samples());
        samples.addAll(b.samples());
        return new MetricFamily(a.name(), a.type(), a.help(), samples);
      });
    }
    StringBuilder out = new StringBuilder();
    for (MetricFamily f : merged.values()) {
      out.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
      out.append("# TYPE ").append(f.name()).append(' ').append(f.type()).append('\n');
      for (MetricFamily.Sample s : f.samples()) {
        out.append(s.name()).append(labels(s.labels())).append(' ')
            .append(value(s.value())).append('\n');
      }
    }
    return out.toString();
  }

  static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder("{");
    // Sorted so that the text for the same state is the same on every scrape.
    new TreeMap<>(labels).forEach((k, v) -> {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(k).append("=\"").append(escapeLabel(v)).append('"');
    });
    return out.append('}').toString();
  }

  static String value(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  private static String escapeLabel(String v) {
    return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String v) {
    return v.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
