package io.kubling.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates per second through the API server (64 HTTP clients) against raw guarded jetcd
 * txns (64 in flight) on the same etcd, alternating the two sides in rounds.
 */
public final class CreateThroughputBench {
  static final int CLIENTS = 64;
  /** Creates per warm-up step of each side; steps repeat until the JIT has settled. */
  static final int WARMUP_STEP = Integer.getInteger("bench.create.warmup", 10_000);
  static final int WARMUP_MAX_STEPS = 12;
  static final int PER_ROUND = 5_000;
  static final int ROUNDS = 5;
  static final Duration ROUND_LIMIT = Duration.ofSeconds(60);
  /** -Dbench.threads=true: CPU and heap allocated per create by thread group, API side. */
  static final boolean THREADS = Boolean.getBoolean("bench.threads");

  /** Objects per second of each round, per side. */
  public record Result(List<Double> api, List<Double> raw) {
    double medianApi() {
      return Stats.median(api);
    }

    double medianRaw() {
      return Stats.median(raw);
    }

    String line() {
      return "create throughput: api=" + Stats.rate(medianApi()) + " raw-etcd="
          + Stats.rate(medianRaw()) + " ratio=" + Stats.ratio(medianApi(), medianRaw())
          + " (goal >= 0.5)";
    }
  }

  public static void main(String[] args) throws Exception {
    try (BenchEnv env = BenchEnv.start("bench-create", CLIENTS)) {
      System.out.println(run(env).line());
    }
  }

  static Result run(BenchEnv env) throws Exception {
    int[] step = {0};
    JitWarmup.untilSettled("creates", WARMUP_MAX_STEPS, () -> {
      step[0]++;
      viaApi(env, "warm" + step[0], WARMUP_STEP);
      raw(env, "warm" + step[0], WARMUP_STEP);
    });
    List<Double> api = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    for (int r = 1; r <= ROUNDS; r++) {
      CpuTime t0 = CpuTime.now();
      ThreadCpu threads = THREADS ? ThreadCpu.now() : null;
      JvmThreadCpu vm = THREADS ? JvmThreadCpu.now() : null;
      Map<String, Long> etcdBefore = THREADS ? etcdRequests(env) : null;
      Load.Result a = viaApi(env, "r" + r, PER_ROUND);
      Map<String, Long> etcdAfter = THREADS ? etcdRequests(env) : null;
      ThreadCpu threadsEnd = THREADS ? ThreadCpu.now() : null;
      JvmThreadCpu vmEnd = THREADS ? JvmThreadCpu.now() : null;
      CpuTime t1 = CpuTime.now();
      Load.Result b = raw(env, "r" + r, PER_ROUND);
      CpuTime t2 = CpuTime.now();
      api.add(a.perSecond());
      raw.add(b.perSecond());
      System.out.println("create round " + r + ": api=" + Stats.rate(a.perSecond())
          + describe(a, PER_ROUND) + " raw-etcd=" + Stats.rate(b.perSecond())
          + describe(b, PER_ROUND) + " ratio=" + Stats.ratio(a.perSecond(), b.perSecond())
          + " | api " + t1.since(t0).perObject(a.ok())
          + " | raw " + t2.since(t1).perObject(b.ok()));
      if (THREADS) {
        System.out.println("  api cpu ms/create by thread: "
            + threadsEnd.perObjectByGroup(threads, (int) a.ok(), 8));
        System.out.println("  api etcd requests/create: " + perObject(etcdBefore, etcdAfter, a.ok()));
        System.out.println("  api cpu ms/create of the JVM's own threads: "
            + vmEnd.perObjectSince(vm, a.ok()));
        System.out.println("  api KiB allocated/create by thread: "
            + threadsEnd.allocatedPerObjectByGroup(threads, (int) a.ok(), 8));
      }
    }
    return new Result(api, raw);
  }

  static Load.Result viaApi(BenchEnv env, String tag, int count) {
    return Load.run(count, CLIENTS, ROUND_LIMIT, i -> env.http.post(
        "/api/v1/namespaces/default/pods", Pods.json(name(tag, i))));
  }

  static Load.Result raw(BenchEnv env, String tag, int count) {
    KV kv = env.jetcd.getKVClient();
    return Load.run(count, CLIENTS, ROUND_LIMIT, i -> {
      String name = name(tag, i);
      ByteSequence key = bytes("/bench/pods/default/" + name);
      return kv.txn()
          .If(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
          .Then(Op.put(key, ByteSequence.from(Pods.json(name)), PutOption.DEFAULT))
          .commit()
          .thenApply(t -> {
            if (!t.isSucceeded()) {
              throw new IllegalStateException("key exists: " + key);
            }
            return t;
          });
    });
  }

  /** The API server's etcd requests so far by operation, from its own metrics. */
  static Map<String, Long> etcdRequests(BenchEnv env) {
    Map<String, Long> out = new TreeMap<>();
    Matcher m = ETCD_COUNT.matcher(env.api.metrics().render());
    while (m.find()) {
      out.put(m.group(1), Long.parseLong(m.group(2)));
    }
    return out;
  }

  private static final Pattern ETCD_COUNT = Pattern.compile(
      "etcd_request_duration_seconds_count\\{operation=\"([^\"]+)\"\\} (\\d+)");

  /** e.g. "create=1.000 revision=0.001": each operation's requests per object. */
  static String perObject(Map<String, Long> before, Map<String, Long> after, long objects) {
    StringBuilder b = new StringBuilder();
    after.forEach((op, n) -> b.append(b.length() == 0 ? "" : " ").append(op).append('=')
        .append(String.format(java.util.Locale.ROOT, "%.3f",
            (n - before.getOrDefault(op, 0L)) / (double) Math.max(1, objects))));
    return b.toString();
  }

  private static String name(String tag, int i) {
    return "bench-" + tag + "-" + i;
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  /** Notes failures and a shortfall (time limit hit) beside a rate. */
  static String describe(Load.Result r, int count) {
    if (r.ok() == count) {
      return "";
    }
    return " (" + r.ok() + "/" + count + " ok, " + r.failed() + " failed"
        + (r.firstError() == null ? "" : ", first: " + r.firstError()) + ")";
  }
}
