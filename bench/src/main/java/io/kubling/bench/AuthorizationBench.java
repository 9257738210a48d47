package io.kubling.bench;

import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.testkit.EtcdServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * What RBAC costs a request: GETs of single pods through an API server with
 * --authorization-mode=Node,RBAC (as a user granted edit by a RoleBinding, among 2,000 other
 * bindings) against the same GETs through one with AlwaysAllow, both on one etcd, alternating
 * rounds. Run: {@code java -cp ... io.kubling.bench.AuthorizationBench}.
 */
public final class AuthorizationBench {
  static final int PODS = 200;
  static final int IN_FLIGHT = 32;
  static final int WARMUP = 20_000;
  static final int PER_ROUND = 20_000;
  static final int ROUNDS = 5;
  static final int OTHER_BINDINGS = 2_000;

  static {
    // As BenchEnv: the testkit's Docker probe is noise here, etcd runs as a process.
    if (System.getProperty("org.slf4j.simpleLogger.log.org.testcontainers") == null) {
      System.setProperty("org.slf4j.simpleLogger.log.org.testcontainers", "off");
    }
  }

  private AuthorizationBench() {}

  public static void main(String[] args) throws Exception {
    try (EtcdServer etcd = EtcdServer.start("bench-rbac")) {
      ApiServerOptions base = ApiServerOptions.defaults(etcd.clientEndpoints()).withPort(0);
      ServingSecurity rbacModes = new ServingSecurity(null, null, null, null, List.of(), null,
          null, List.of("Node", "RBAC"), true);
      UserInfo user = new UserInfo("bench-user", "", List.of(UserInfo.ALL_AUTHENTICATED),
          Map.of());
      // Test-only authentication: every request is bench-user (the authenticator is not
      // what is measured; the authorizer is).
      try (ApiServer open = new ApiServer(base).start().get(60, TimeUnit.SECONDS);
          ApiServer rbac = ApiServer.withAuthenticator(
              base.withServingSecurity(rbacModes), r -> Optional.of(user)).start().get(60, TimeUnit.SECONDS);
          ApiClient openClient = new ApiClient(open.url(), IN_FLIGHT);
          ApiClient rbacClient = new ApiClient(rbac.url(), IN_FLIGHT)) {
        setUp(openClient);
        List<Double> allow = new ArrayList<>();
        List<Double> rbacRates = new ArrayList<>();
        round(openClient, WARMUP);
        round(rbacClient, WARMUP);
        for (int i = 0; i < ROUNDS; i++) {
          allow.add(round(openClient, PER_ROUND));
          rbacRates.add(round(rbacClient, PER_ROUND));
        }
        double a = Stats.median(allow);
        double r = Stats.median(rbacRates);
        System.out.println("GET pod throughput (" + IN_FLIGHT + " in flight, medians of "
            + ROUNDS + " alternated rounds of " + PER_ROUND + "): AlwaysAllow="
            + Stats.rate(a) + " Node,RBAC=" + Stats.rate(r) + " ratio=" + Stats.ratio(r, a)
            + " (rounds: allow=" + allow + " rbac=" + rbacRates + ")");
      }
    }
  }

  /** The pods, the user's RoleBinding to edit, and other users' bindings in many namespaces. */
  private static void setUp(ApiClient c) throws Exception {
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      all.add(c.post("/api/v1/namespaces/default/pods", ("{\"metadata\":{\"name\":\"p-" + i
          + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}").getBytes()));
    }
    all.add(c.post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
        binding("bench", "bench-user").getBytes()));
    for (int i = 0; i < OTHER_BINDINGS; i++) {
      all.add(c.post("/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings",
          binding("other-" + i, "user-" + i).getBytes()));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
  }

  private static String binding(String name, String user) {
    return "{\"metadata\":{\"name\":\"" + name + "\"},\"roleRef\":{\"apiGroup\":"
        + "\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":\"edit\"},"
        + "\"subjects\":[{\"kind\":\"User\",\"name\":\"" + user + "\"}]}";
  }

  /** GETs per second over n requests, IN_FLIGHT at a time. */
  private static double round(ApiClient c, int n) throws Exception {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> pending = new ArrayList<>(n);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("requests stopped completing");
      }
      pending.add(c.get("/api/v1/namespaces/default/pods/p-" + (i % PODS))
          .whenComplete((b, t) -> slots.release()));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    return Stats.perSecond(n, System.nanoTime() - start);
  }
}
