package io.kubling.bench.ingress;

import io.kubling.bench.Stats;
import io.kubling.ingress.proxy.IngressProxy;
import io.kubling.ingress.route.Backend;
import io.kubling.ingress.route.IngressPath;
import io.kubling.ingress.route.PathType;
import io.kubling.ingress.route.RouteTable;
import io.kubling.ingress.snapshot.Endpoint;
import io.kubling.ingress.snapshot.IngressSnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Requests/s and p99 latency through the ingress proxy against straight to the backend, on
 * loopback, keep-alive HTTP/1.1, the same closed-loop load on both sides, alternated rounds.
 * The proxy runs with a routing table of 100 hosts and the backend among them, as
 * the controller would configure it; the API server is not on the request path.
 */
public final class IngressBench {
  static final int CONNECTIONS = 32;
  static final int ROUNDS = 5;
  static final long ROUND_MS = 3000;
  static final long WARMUP_MS = 4000;
  static final Buffer BODY = Buffer.buffer("x".repeat(512));

  private IngressBench() {}

  public static void main(String[] args) throws Exception {
    for (String line : run()) {
      System.out.println(line);
    }
  }

  public static List<String> run() throws Exception {
    Vertx backendVertx = Vertx.vertx();
    IngressProxy proxy = null;
    HttpLoad load = new HttpLoad(CONNECTIONS);
    try {
      HttpServer backend = backendVertx.createHttpServer().requestHandler(req ->
          req.response().putHeader("content-type", "text/plain").end(BODY));
      int backendPort = backend.listen(0, "127.0.0.1").toCompletionStage()
          .toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
      proxy = new IngressProxy("127.0.0.1", 0).listenHttp(0);
      proxy.update(snapshot(backendPort));
      int proxyPort = proxy.httpPort();

      load.run(backendPort, "direct.example", WARMUP_MS);
      load.run(proxyPort, "bench.example", WARMUP_MS);
      List<Double> directRates = new ArrayList<>();
      List<Double> ingressRates = new ArrayList<>();
      List<Double> directP99 = new ArrayList<>();
      List<Double> ingressP99 = new ArrayList<>();
      for (int r = 0; r < ROUNDS; r++) {
        HttpLoad.Result d = load.run(backendPort, "direct.example", ROUND_MS);
        HttpLoad.Result i = load.run(proxyPort, "bench.example", ROUND_MS);
        if (i.errors() > 0 || d.errors() > 0) {
          throw new IllegalStateException("errors in round " + r + ": direct " + d.errors()
              + ", ingress " + i.errors());
        }
        directRates.add(d.perSecond());
        ingressRates.add(i.perSecond());
        directP99.add(d.p99Millis());
        ingressP99.add(i.p99Millis());
      }
      double dr = Stats.median(directRates);
      double ir = Stats.median(ingressRates);
      double dp = Stats.median(directP99);
      double ip = Stats.median(ingressP99);
      return List.of(
          String.format(Locale.ROOT, "ingress: %d keep-alive connections, %d alternated rounds"
              + " of %d ms per side, %d cores, medians", CONNECTIONS, ROUNDS, ROUND_MS,
              Runtime.getRuntime().availableProcessors()),
          String.format(Locale.ROOT, "direct to backend  %s  p99 %s ms", Stats.rate(dr),
              Stats.millis(dp)),
          String.format(Locale.ROOT, "through ingress    %s  p99 %s ms", Stats.rate(ir),
              Stats.millis(ip)),
          "ingress throughput ratio " + Stats.ratio(ir, dr) + " (goal >= 0.6); p99 ingress/direct "
              + Stats.ratio(ip, dp));
    } finally {
      load.close();
      if (proxy != null) {
        proxy.close();
      }
      backendVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  static IngressSnapshot snapshot(int backendPort) {
    List<IngressPath> paths = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Backend other = new Backend("bench", "svc-" + i, 80, "");
      paths.add(new IngressPath("host-" + i + ".example", "/", PathType.PREFIX, other, i));
      paths.add(new IngressPath("host-" + i + ".example", "/api", PathType.PREFIX, other, i));
    }
    Backend target = new Backend("bench", "target", 80, "");
    paths.add(new IngressPath("bench.example", "/", PathType.PREFIX, target, 100));
    return new IngressSnapshot(RouteTable.build(paths, null),
        java.util.Map.of(target, List.of(new Endpoint("127.0.0.1", backendPort))), List.of());
  }
}
