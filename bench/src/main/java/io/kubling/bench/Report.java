package io.kubling.bench;

import java.util.List;

/** The summary of one run as markdown table lines, ready to paste into a README. */
final class Report {
  private Report() {}

  /**
   * Rows of: what, kubling, measured against, ratio, goal. Rates are medians over rounds;
   * latencies are p99 over alternated requests.
   */
  static List<String> markdown(double apiRate, double rawRate, int pods, double cacheP99,
      double etcdP99, double rawP99) {
    return List.of(
        "| what | kubling | measured against | ratio | goal |",
        "| --- | --- | --- | --- | --- |",
        "| create throughput via the API server, 64 clients | " + Stats.rate(apiRate)
            + " | raw jetcd guarded txns, same etcd: " + Stats.rate(rawRate) + " | "
            + Stats.ratio(apiRate, rawRate) + " | ≥ 0.5 |",
        "| LIST " + String.format(java.util.Locale.ROOT, "%,d", pods) + " pods, p99, from the watch cache | "
            + Stats.millis(cacheP99) + " ms | the same LIST straight from etcd: "
            + Stats.millis(etcdP99) + " ms (raw jetcd range: " + Stats.millis(rawP99) + " ms) | "
            + Stats.ratio(cacheP99, etcdP99) + " | ≤ 0.2 |");
  }
}
