package io.kubling.bench.ingress;

import io.kubling.bench.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The nginx side of the ingress bench's rounds: its figures round by round, each beside the
 * direct run and the ingress run of the same round, and their medians as output lines.
 */
final class NginxRounds {
  private final List<Double> rates = new ArrayList<>();
  private final List<Double> p99s = new ArrayList<>();
  private final List<Double> ratios = new ArrayList<>();
  private final List<Double> p99Ratios = new ArrayList<>();
  private final List<Double> ingressToNginx = new ArrayList<>();
  private final List<Double> ingressToNginxP99 = new ArrayList<>();
  // CPU per nginx request: this JVM's (load + backend; kubling's proxy idles) and nginx's own.
  private final List<Double> jvmCpu = new ArrayList<>();
  private final List<Double> nginxCpu = new ArrayList<>();
  private final List<Double> nginxUserCpu = new ArrayList<>();

  /** Records round r (0-based) and returns its line; cpu: nginx's CPU during n. */
  String add(int r, HttpLoad.Result direct, HttpLoad.Result ingress, HttpLoad.Result n,
      NginxProxy.Cpu cpu, boolean nginxFirst) {
    double nginxMicros = n.requests() == 0 ? Double.NaN : cpu.nanos() / 1e3 / n.requests();
    nginxUserCpu.add(n.requests() == 0 ? Double.NaN : cpu.userNanos() / 1e3 / n.requests());
    rates.add(n.perSecond());
    p99s.add(n.p99Millis());
    ratios.add(n.perSecond() / direct.perSecond());
    p99Ratios.add(n.p99Millis() / direct.p99Millis());
    ingressToNginx.add(ingress.perSecond() / n.perSecond());
    ingressToNginxP99.add(ingress.p99Millis() / n.p99Millis());
    jvmCpu.add(n.cpuMicrosPerRequest());
    nginxCpu.add(nginxMicros);
    return String.format(Locale.ROOT, "round %2d: nginx  %6.0f/s p99 %5.1f ms cpu %5.1f us/req"
        + " (nginx processes %4.1f us/req); ratio %.2f; ingress/nginx %.2f; order %s", r + 1,
        n.perSecond(), n.p99Millis(), n.cpuMicrosPerRequest(), nginxMicros,
        n.perSecond() / direct.perSecond(), ingress.perSecond() / n.perSecond(),
        nginxFirst ? "nginx, direct, ingress" : "ingress, direct, nginx");
  }

  /**
   * The summary lines, after the ingress side's: directRate and directCpu are the medians of
   * the direct runs, errorLog what nginx logged.
   */
  List<String> summary(Path binary, int processes, double directRate, double directCpu,
      List<String> errorLog) {
    double rate = Stats.median(rates);
    double jvm = Stats.median(jvmCpu);
    double own = Stats.median(nginxCpu);
    return List.of(
        String.format(Locale.ROOT, "nginx reference: %s (%s), %d worker processes (as the"
            + " proxy's event loops), upstream keep-alive; in the same rounds, direct between"
            + " ingress and nginx, which take turns to go first", NginxProxy.version(binary),
            binary, processes - 1),
        String.format(Locale.ROOT, "through nginx      %s  p99 %s ms", Stats.rate(rate),
            Stats.millis(Stats.median(p99s))),
        String.format(Locale.ROOT, "nginx throughput ratio %.2f (ratio of the medians %s;"
            + " rounds %.2f-%.2f); p99 nginx/direct %.2f", Stats.median(ratios),
            Stats.ratio(rate, directRate), min(ratios), max(ratios), Stats.median(p99Ratios)),
        String.format(Locale.ROOT, "ingress/nginx throughput %.2f (median of the rounds; rounds"
            + " %.2f-%.2f); p99 ingress/nginx %.2f", Stats.median(ingressToNginx),
            min(ingressToNginx), max(ingressToNginx), Stats.median(ingressToNginxP99)),
        String.format(Locale.ROOT, "cpu per request through nginx (medians): this JVM %.1f us"
            + " (load + backend), nginx's %d processes %.1f us (%s; %.1f us of it in user mode,"
            + " in ticks of %d ms), sum %.1f us; cpu-bound ratio (direct cpu / sum) %.2f", jvm,
            processes, own, ProcessCpu.source(), Stats.median(nginxUserCpu),
            ProcessCpu.TICK_NANOS / 1_000_000, jvm + own, directCpu / (jvm + own)),
        errorLog.isEmpty() ? "nginx error_log: empty"
            : "nginx error_log: " + errorLog.size() + " lines, the first: " + errorLog.get(0));
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
