package io.kubling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.options.GetOption;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * LIST of 5,000 pods through the API server from the watch cache against the same LIST read
 * straight from etcd, alternating request by request; a raw jetcd range read for reference.
 */
public final class ListLatencyBench {
  static final int PODS = 5_000;
  static final int CREATE_CLIENTS = 32;
  /**
   * Warm-up requests per side: after 10, C2 was still compiling the list paths (it used more
   * CPU than the event loops while samples were taken), on both sides alike.
   */
  static final int WARMUP = Integer.getInteger("bench.list.warmup", 50);
  /** -Dbench.list.samples=N: more requests per side, e.g. under a profiler. */
  static final int SAMPLES = Integer.getInteger("bench.list.samples", 100);
  /** -Dbench.list.sides=cache: time only some sides (cache, etcd, raw), e.g. to profile one. */
  static final String SIDES = System.getProperty("bench.list.sides", "cache,etcd,raw");
  static final Duration CREATE_LIMIT = Duration.ofSeconds(120);
  /** -Dbench.list.threads=true: print the busiest threads' CPU while samples were taken. */
  static final boolean THREADS = Boolean.getBoolean("bench.list.threads");
  static final Duration WARMUP_LIMIT = Duration.ofSeconds(60);
  static final Duration MEASURE_LIMIT =
      Duration.ofSeconds(Long.getLong("bench.list.seconds", 180));
  static final long REQUEST_TIMEOUT_MS = 10_000;
  static final String PODS_PATH = "/api/v1/namespaces/default/pods";

  /** Latencies in milliseconds, one per request, per side. */
  public record Result(int pods, Sampler cache, Sampler etcd, Sampler raw) {
    String lines() {
      return "list " + pods + " pods p50: cache=" + Stats.millis(cache.p(50)) + " ms etcd="
          + Stats.millis(etcd.p(50)) + " ms raw-jetcd=" + Stats.millis(raw.p(50)) + " ms ("
          + cache.count() + " samples each" + failures() + "; cpu/list of this JVM: cache="
          + Stats.millis(cache.cpuMillisEach()) + " ms etcd=" + Stats.millis(etcd.cpuMillisEach())
          + " ms)\n"
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

  /** Fails a LIST whose body is not about as long as the first one's or is cut short. */
  static CompletableFuture<ApiClient.Streamed> checked(
      CompletableFuture<ApiClient.Streamed> read, long expected) {
    return read.thenApply(r -> {
      if (r.lastByte() != '}' || Math.abs(r.bytes() - expected) > expected / 100) {
        throw new IllegalStateException("LIST body of " + r.bytes() + " bytes ending in "
            + (char) r.lastByte() + ", expected about " + expected + " ending in }");
      }
      return r;
    });
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

    // Both sides are read by the same client code, byte by byte to the end, and checked to
    // be the whole list (about the first LIST's size, closing brace last).
    long expected = body.length();
    Sampler cache = new Sampler(SAMPLES, () -> checked(
        env.http.stream(PODS_PATH + "?resourceVersion=0"), expected));
    Sampler etcd = new Sampler(SAMPLES, () -> checked(env.http.stream(
        PODS_PATH + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact"), expected));
    ByteSequence prefix = ByteSequence.from("/registry/pods/default/", StandardCharsets.UTF_8);
    Sampler raw = new Sampler(SAMPLES, () -> env.jetcd.getKVClient()
        .get(prefix, GetOption.builder().isPrefix(true).build()));
    List<String> wanted = List.of(SIDES.split(","));
    List<Sampler> sides = new ArrayList<>();
    if (wanted.contains("cache")) {
      sides.add(cache);
    }
    if (wanted.contains("etcd")) {
      sides.add(etcd);
    }
    if (wanted.contains("raw")) {
      sides.add(raw);
    }
    long warm = System.nanoTime() + WARMUP_LIMIT.toNanos();
    for (int i = 0; i < WARMUP && System.nanoTime() - warm < 0; i++) {
      sides.forEach(s -> s.once(REQUEST_TIMEOUT_MS));
    }
    sides.forEach(Sampler::reset);
    Map<String, Long> threads = THREADS ? TaskCpu.snapshot() : Map.of();
    long deadline = System.nanoTime() + MEASURE_LIMIT.toNanos();
    // Request by request, so noise from the shared machine falls on all sides alike.
    for (int n = 0; n < SAMPLES && System.nanoTime() - deadline < 0; n++) {
      sides.forEach(s -> s.record(s.once(REQUEST_TIMEOUT_MS)));
    }
    if (THREADS) {
      System.out.print(TaskCpu.busiest(threads, TaskCpu.snapshot(), 8));
    }
    return new Result(pods, cache, etcd, raw);
  }
}
