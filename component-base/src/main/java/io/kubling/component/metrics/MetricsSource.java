package io.kubling.component.metrics;

import java.util.List;

/**
 * Something that reports metrics when /metrics is scraped. It runs on the HTTP server's event
 * loop, so it must only read counters, never block.
 */
@FunctionalInterface
public interface MetricsSource {
  List<MetricFamily> collect();
}
