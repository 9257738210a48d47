package io.kubling.component.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrometheusTextTest {

  @Test
  void mergesFamiliesOfTheSameNameUnderOneTypeLine() {
    String text = PrometheusText.render(List.of(
        MetricFamily.gauge("workqueue_depth", "Depth.", Map.of("name", "a"), 3),
        MetricFamily.counter("workqueue_adds_total", "Adds.", Map.of("name", "a"), 7),
        MetricFamily.gauge("workqueue_depth", "Depth.", Map.of("name", "b"), 0)));
    assertThat(text).isEqualTo("""
        # HELP workqueue_depth Depth.
        # TYPE workqueue_depth gauge
        workqueue_depth{name="a"} 3
        workqueue_depth{name="b"} 0
        # HELP workqueue_adds_total Adds.
        # TYPE workqueue_adds_total counter
        workqueue_adds_total{name="a"} 7
        """);
  }

  @Test
  void sortsAndEscapesLabels() {
    assertThat(PrometheusText.labels(Map.of("z", "1", "a", "say \"hi\"\\\n")))
        .isEqualTo("{a=\"say \\\"hi\\\"\\\\\\n\",z=\"1\"}");
    assertThat(PrometheusText.labels(Map.of())).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"3.0, 3", "0.25, 0.25", "-2.0, -2", "Infinity, +Inf", "-Infinity, -Inf", "NaN, NaN"})
  void formatsValues(double value, String text) {
    assertThat(PrometheusText.value(value)).isEqualTo(text);
  }

  @Test
  void refusesOneNameWithTwoTypes() {
    assertThatThrownBy(() -> PrometheusText.render(List.of(
        MetricFamily.gauge("x", "h", Map.of(), 1), MetricFamily.counter("x", "h", Map.of(), 1))))
        .hasMessageContaining("x reported as both gauge and counter");
  }

  @Test
  void histogramBucketsAreCumulative() {
    Histogram h = new Histogram(0.1, 1);
    h.observe(0.05);
    h.observe(0.5);
    h.observe(0.5);
    h.observe(5);
    String text = PrometheusText.render(List.of(h.family("t_seconds", "T.", Map.of("c", "x"))));
    assertThat(text).isEqualTo("""
        # HELP t_seconds T.
        # TYPE t_seconds histogram
        t_seconds_bucket{c="x",le="0.1"} 1
        t_seconds_bucket{c="x",le="1"} 3
        t_seconds_bucket{c="x",le="+Inf"} 4
        t_seconds_sum{c="x"} 6.05
        t_seconds_count{c="x"} 4
        """);
  }
}
