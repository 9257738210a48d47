package io.kubling.bench.ingress;

import io.kubling.bench.Stats;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load: a fixed number of keep-alive connections, each sending the
 * next GET as soon as the previous answer ended, for a fixed time; every latency recorded.
 */
final class HttpLoad implements AutoCloseable {
  /** cpuNanos: CPU time of the whole JVM (load, proxy and backend alike) during the run. */
  record Result(long requests, long errors, long nanos, double p99Millis, long cpuNanos) {
    double perSecond() {
      return Stats.perSecond(requests, nanos);
    }

    /** Microseconds of CPU of this JVM per request, NaN where the platform does not tell. */
    double cpuMicrosPerRequest() {
      return cpuNanos < 0 || requests == 0 ? Double.NaN : cpuNanos / 1e3 / requests;
    }
  }

  private final int connections;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;

  HttpLoad(int connections) {
    this.connections = connections;
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
        .setPipelining(false), new PoolOptions().setHttp1MaxSize(connections));
  }

  Result run(int port, String host, long millis) throws InterruptedException {
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
    int cap = 2_000_000;
    double[] latencies = new double[cap];
    AtomicInteger count = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(connections);
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
        .setPort(port).setURI("/api/items").putHeader("Host", host);
    for (int c = 0; c < connections; c++) {
      loop(options, end, latencies, count, errors, done);
    }
    if (!done.await(millis + 30_000, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("load did not finish");
    }
    long nanos = System.nanoTime() - start;
    long cpu = cpuStart < 0 ? -1 : processCpuNanos() - cpuStart;
    int n = Math.min(count.get(), cap);
    double[] samples = java.util.Arrays.copyOf(latencies, n);
    return new Result(n, errors.get(), nanos, n == 0 ? 0 : Stats.percentile(samples, 99),
        cpu);
  }

  private void loop(RequestOptions options, long end, double[] latencies, AtomicInteger count,
      AtomicLong errors, CountDownLatch done) {
    long t0 = System.nanoTime();
    if (t0 >= end) {
      done.countDown();
      return;
    }
    client.request(options).compose(req -> req.send().compose(resp -> resp.body().map(b ->
        resp.statusCode()))).onComplete(ar -> {
          if (ar.succeeded() && ar.result() == 200) {
            int i = count.getAndIncrement();
            if (i < latencies.length) {
              latencies[i] = (System.nanoTime() - t0) / 1e6;
            }
          } else {
            errors.incrementAndGet();
          }
          loop(options, end, latencies, count, errors, done);
        });
  }

  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // closing at the end of a run
    }
  }
}
