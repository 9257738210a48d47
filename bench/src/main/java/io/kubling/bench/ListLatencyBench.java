package io.kubling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.GetOption;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * LIST of 5,000 pods through the API server from the watch cache against the same LIST read
 * straight from etcd, alternating request by request; a raw jetcd range read for reference.
 */
public final class ListLatencyBench {
  static final int PODS = 5_000;
  static final int CREATE_CLIENTS = 32;
  static final int WARMUP = 10;
  static final int SAMPLES = 100;
  static final Duration CREATE_LIMIT = Duration.ofSeconds(120);
  static final Duration MEASURE_LIMIT = Duration.ofSeconds(180);
  static final long REQUEST_TIMEOUT_MS = 10_000;
  static final String PODS_PATH = "/api/v1/namespaces/default/pods";

  /** Latencies in milliseconds, one per request, per side. */
  public record Result(int pods, Sampler cache, Sampler etcd, Sampler raw) {
    String lines() {
      return "list " + pods + " pods p50: cache=" + Stats.millis(cache.p(50)) + " ms etcd="
          + Stats.millis(etcd.p(50)) + " ms raw-jetcd=" + Stats.millis(raw.p(50)) + " ms ("
          + cache.count() + " samples each" + failures() + ")\n"
          + "list " + pods + " pods p99: cache=" + Stats.millis(cache.p(99)) + " ms etcd="
          + Stats.millis(etcd.p(99)) + " ms ratio=" + Stats.ratio(cache.p(99), etcd.p(99))
          + " (goal <= 0.2); raw-jetcd range p99=" + Stats.millis(raw.p(99)) + " ms";
    }

    private String failures() {
      long failed = cache.failed() + etcd.failed() + raw.failed();
      return failed == 0 ? "" : "; failed: cache=" + cache.failed() + " etcd=" + etcd.failed()
          + " raw=" + raw.failed() + ", first: " + List.of(cache, etcd, raw).stream()
          .map(Sampler::firstError).filter(e -> e != null).findFirst().orElse("");
    }
  }

  public static void main(String[] args) throws Exception {
    try (BenchEnv env = BenchEnv.start("bench-list", CREATE_CLIENTS)) {
      System.out.println(run(env).lines());
    }
  }

  static Result run(BenchEnv env) throws IOException {
    Load.Result created = Load.run(PODS, CREATE_CLIENTS, CREATE_LIMIT,
        i -> env.http.post(PODS_PATH, Pods.json(String.format("list-%05d", i))));
    System.out.println("list: created " + created.ok() + " pods at "
        + Stats.rate(created.perSecond()) + CreateThroughputBench.describe(created, PODS));
    // A LIST without resourceVersion waits until the cache has caught up with etcd.
    Buffer body;
    try {
      body = env.http.get(PODS_PATH).get(REQUEST_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("first LIST failed: " + e, e);
    }
    JsonNode list = new ObjectMapper().readTree(body.getBytes());
    String rv = list.path("metadata").path("resourceVersion").asText();
    int pods = list.path("items").size();
    System.out.println("list: " + pods + " pods in default at resourceVersion " + rv);

    Sampler cache = new Sampler(SAMPLES, () -> env.http.get(PODS_PATH + "?resourceVersion=0"));
    Sampler etcd = new Sampler(SAMPLES, () -> env.http.get(
        PODS_PATH + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact"));
    ByteSequence prefix = ByteSequence.from("/registry/pods/default/", StandardCharsets.UTF_8);
    Sampler raw = new Sampler(SAMPLES, () -> env.jetcd.getKVClient()
        .get(prefix, GetOption.builder().isPrefix(true).build()));
    List<Sampler> sides = List.of(cache, etcd, raw);
    for (int i = 0; i < WARMUP; i++) {
      sides.forEach(s -> s.once(REQUEST_TIMEOUT_MS));
    }
    sides.forEach(Sampler::reset);
    long deadline = System.nanoTime() + MEASURE_LIMIT.toNanos();
    // Request by request, so noise from the shared machine falls on all sides alike.
    for (int n = 0; n < SAMPLES && System.nanoTime() - deadline < 0; n++) {
      sides.forEach(s -> s.record(s.once(REQUEST_TIMEOUT_MS)));
    }
    return new Result(pods, cache, etcd, raw);
  }
}
