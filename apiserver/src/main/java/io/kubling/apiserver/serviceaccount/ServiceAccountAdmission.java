package io.kubling.apiserver.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.registry.ObjectMetaRules;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The ServiceAccount admission plugin, for pod creates: a pod runs as {@code default} unless it
 * names an account; the account must exist (when the server authenticates); its token is
 * mounted as the kube-api-access projected volume unless the pod or the account turns
 * automountServiceAccountToken off; and a pod with no imagePullSecrets takes the account's.
 */
public final class ServiceAccountAdmission {
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
  static final int DEFAULT_ATTEMPTS = 10;

  /** Reads a ServiceAccount; empty when it does not exist. */
  @FunctionalInterface
  public interface Lookup {
    CompletableFuture<Optional<JsonNode>> serviceAccount(String namespace, String name);
  }

  /**
   * @param requireAccount refuse pods whose account does not exist. Kubernetes always does;
   *     kubling does only when the server authenticates, since servers without
   *     authentication (tests, benchmarks) usually run no ServiceAccount controller that
   *     would create {@code default}
   * @param mountToken add the token volume; only a server that can sign tokens does, else no
   *     node could fill the volume
   */
  public record Options(boolean requireAccount, boolean mountToken) {
    public static final Options DEFAULT_NAME_ONLY = new Options(false, false);
  }

  private final Options options;
  private final Lookup lookup;

  public ServiceAccountAdmission(Options options, Lookup lookup) {
    this.options = options;
    this.lookup = lookup;
  }

  /** Admits pod (changed in place) into namespace, or fails with a 403. */
  public CompletableFuture<Void> admit(ObjectNode pod, String namespace) {
    ObjectNode spec = Json.with(pod, "spec");
    if (Meta.metadata(pod).path("annotations").has(MIRROR_ANNOTATION)) {
      return mirrorPod(pod, spec);
    }
    String account = accountName(spec);
    if (!options.requireAccount() && !options.mountToken()) {
      return CompletableFuture.completedFuture(null);
    }
    int attempts = options.requireAccount()
        && account.equals(ServiceAccountNames.DEFAULT_SERVICE_ACCOUNT) ? DEFAULT_ATTEMPTS : 1;
    return find(namespace, account, attempts).thenAccept(sa -> {
      if (sa.isEmpty() && options.requireAccount()) {
        throw ApiException.forbidden("pods", "", Meta.name(pod), "error looking up service"
            + " account " + namespace + "/" + account + ": serviceaccount \"" + account
            + "\" not found");
      }
      sa.ifPresent(a -> copyImagePullSecrets(a, spec));
      if (options.mountToken() && shouldAutomount(sa.orElse(null), spec)) {
        TokenVolume.mount(spec, ObjectMetaRules.generateName(TokenVolume.NAME_PREFIX));
      }
    });
  }

  /**
   * The account, looked up again a few times when it is {@code default} and missing: the
   * ServiceAccount controller makes it right after its namespace, and a pod created at once
   * should not fail for that (Kubernetes waits the same way: 10 tries, 100-200 ms apart).
   */
  private CompletableFuture<Optional<JsonNode>> find(String namespace, String name,
      int attemptsLeft) {
    return lookup.serviceAccount(namespace, name).thenCompose(sa -> {
      if (sa.isPresent() || attemptsLeft <= 1) {
        return CompletableFuture.completedFuture(sa);
      }
      Executor later = CompletableFuture.delayedExecutor(
          100 + ThreadLocalRandom.current().nextLong(100), TimeUnit.MILLISECONDS);
      return CompletableFuture.supplyAsync(() -> null, later)
          .thenCompose(x -> find(namespace, name, attemptsLeft - 1));
    });
  }

  /**
   * spec.serviceAccountName, defaulted to {@code default}; the deprecated spec.serviceAccount
   * is its alias and always shows the same name, as in Kubernetes' v1 conversion.
   */
  static String accountName(ObjectNode spec) {
    String name = spec.path("serviceAccountName").asText("");
    if (name.isEmpty()) {
      name = spec.path("serviceAccount").asText("");
    }
    if (name.isEmpty()) {
      name = ServiceAccountNames.DEFAULT_SERVICE_ACCOUNT;
    }
    spec.put("serviceAccountName", name);
    spec.put("serviceAccount", name);
    return name;
  }

  /** The pod's automountServiceAccountToken wins, then the account's; default true. */
  static boolean shouldAutomount(JsonNode serviceAccount, JsonNode spec) {
    JsonNode pod = spec.get("automountServiceAccountToken");
    if (pod != null && pod.isBoolean()) {
      return pod.asBoolean();
    }
    JsonNode sa = serviceAccount == null ? null
        : serviceAccount.get("automountServiceAccountToken");
    return sa == null || !sa.isBoolean() || sa.asBoolean();
  }

  private static void copyImagePullSecrets(JsonNode serviceAccount, ObjectNode spec) {
    if (spec.path("imagePullSecrets").size() == 0
        && serviceAccount.path("imagePullSecrets").size() > 0) {
      spec.set("imagePullSecrets", serviceAccount.get("imagePullSecrets").deepCopy());
    }
  }

  /** Mirror pods stand for static pods, which the API server's accounts do not reach. */
  private static CompletableFuture<Void> mirrorPod(ObjectNode pod, ObjectNode spec) {
    if (!spec.path("serviceAccountName").asText("").isEmpty()
        || !spec.path("serviceAccount").asText("").isEmpty()) {
      return CompletableFuture.failedFuture(ApiException.forbidden("pods", "", Meta.name(pod),
          "a mirror pod may not reference service accounts"));
    }
    for (JsonNode v : spec.path("volumes")) {
      for (JsonNode source : v.path("projected").path("sources")) {
        if (source.has("serviceAccountToken")) {
          return CompletableFuture.failedFuture(ApiException.forbidden("pods", "",
              Meta.name(pod), "a mirror pod may not use ServiceAccountToken volume"
                  + " projections"));
        }
      }
    }
    return CompletableFuture.completedFuture(null);
  }
}
