package io.kubling.agent.volume;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's projected ServiceAccount token volumes: for each pod with one (the
 * kube-api-access volume the API server adds), a token bound to the pod from TokenRequest,
 * ca.crt from kube-root-ca.crt and the namespace, written atomically under the pod's dir and
 * refreshed after a fraction (0.8, as the kubelet) of the token's life.
 */
public final class ServiceAccountTokenVolumes {
  private static final Logger log = LoggerFactory.getLogger(ServiceAccountTokenVolumes.class);
  public static final double DEFAULT_REFRESH_FRACTION = 0.8;
  private static final Duration RETRY = Duration.ofSeconds(10);

  /** The volume could not be set up; the message is the kubelet's event text. */
  public static final class SetUpFailed extends Exception {
    SetUpFailed(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KubernetesClient client;
  private final ScheduledExecutorService scheduler;
  private final double refreshFraction;
  private final Clock clock;
  private final Map<String, Projected> pods = new ConcurrentHashMap<>();

  private static final class Projected {
    final Map<String, Path> dirs = new LinkedHashMap<>();
    volatile ScheduledFuture<?> refresh;
    volatile boolean gone;
  }

  public ServiceAccountTokenVolumes(KubernetesClient client, ScheduledExecutorService scheduler,
      double refreshFraction, Clock clock) {
    if (!(refreshFraction > 0 && refreshFraction <= 1)) {
      throw new IllegalArgumentException("the token refresh fraction must be in (0, 1], got "
          + refreshFraction);
    }
    this.client = client;
    this.scheduler = scheduler;
    this.refreshFraction = refreshFraction;
    this.clock = clock;
  }

  /**
   * Sets up the pod's token volumes once per pod incarnation (later calls answer from memory)
   * and returns each volume's host directory by volume name; empty when the pod has none.
   */
  public Map<String, Path> setUp(Pod pod, Path podDir) throws SetUpFailed {
    String uid = pod.getMetadata().getUid();
    Projected known = pods.get(uid);
    if (known != null) {
      return known.dirs;
    }
    List<Volume> volumes = tokenVolumes(pod);
    if (volumes.isEmpty()) {
      return Map.of();
    }
    Projected p = new Projected();
    for (Volume v : volumes) {
      p.dirs.put(v.getName(), podDir.resolve("volumes/kubernetes.io~projected")
          .resolve(v.getName()));
    }
    Instant refreshAt = project(pod, volumes, p);
    pods.put(uid, p);
    schedule(pod, volumes, p, refreshAt);
    return p.dirs;
  }

  /** The host directories of a pod's token volumes set up so far, by volume name. */
  public Map<String, Path> known(String uid) {
    Projected p = pods.get(uid);
    return p == null ? Map.of() : p.dirs;
  }

  /** Stops refreshing a pod's tokens; its files go with the pod's dir. */
  public void tearDown(String uid) {
    Projected p = pods.remove(uid);
    if (p != null) {
      p.gone = true;
      ScheduledFuture<?> f = p.refresh;
      if (f != null) {
        f.cancel(false);
      }
    }
  }

  static List<Volume> tokenVolumes(Pod pod) {
    List<Volume> vs = pod.getSpec().getVolumes();
    return vs == null ? List.of() : vs.stream().filter(ProjectedFiles::projectsToken).toList();
  }

  /** Fetches and writes every token volume; returns when the soonest token is to be renewed. */
  private Instant project(Pod pod, List<Volume> volumes, Projected p) throws SetUpFailed {
    Instant refreshAt = null;
    for (Volume v : volumes) {
      try {
        Map<String, String> tokens = new HashMap<>();
        for (VolumeProjection s : v.getProjected().getSources()) {
          if (s.getServiceAccountToken() != null) {
            Instant now = clock.instant();
            TokenRequest answer = requestToken(pod, s.getServiceAccountToken());
            tokens.put(s.getServiceAccountToken().getPath(), answer.getStatus().getToken());
            Instant expires = Instant.parse(answer.getStatus().getExpirationTimestamp());
            long lifeMillis = Math.max(0, Duration.between(now, expires).toMillis());
            Instant at = now.plusMillis((long) (lifeMillis * refreshFraction));
            refreshAt = refreshAt == null || at.isBefore(refreshAt) ? at : refreshAt;
          }
        }
        String ns = pod.getMetadata().getNamespace();
        AtomicWriter.write(p.dirs.get(v.getName()), ProjectedFiles.files(pod, v, tokens,
            name -> configMapData(ns, name)));
      } catch (ProjectedFiles.Unsupported | IOException | KubernetesClientException e) {
        throw new SetUpFailed("MountVolume.SetUp failed for volume \"" + v.getName() + "\" : "
            + (e instanceof KubernetesClientException k && k.getStatus() != null
                ? k.getStatus().getMessage() : e.getMessage()), e);
      }
    }
    return refreshAt;
  }

  private TokenRequest requestToken(Pod pod, ServiceAccountTokenProjection source) {
    String account = pod.getSpec().getServiceAccountName();
    if (account == null || account.isEmpty()) {
      account = "default";
    }
    TokenRequestBuilder b = new TokenRequestBuilder().withNewSpec()
        .withExpirationSeconds(source.getExpirationSeconds())
        .withNewBoundObjectRef().withApiVersion("v1").withKind("Pod")
        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid())
        .endBoundObjectRef().endSpec();
    if (source.getAudience() != null && !source.getAudience().isEmpty()) {
      b.editSpec().withAudiences(source.getAudience()).endSpec();
    }
    return client.serviceAccounts().inNamespace(pod.getMetadata().getNamespace())
        .withName(account).tokenRequest(b.build());
  }

  private Map<String, String> configMapData(String namespace, String name) {
    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(name).get();
    if (cm == null) {
      return null;
    }
    return cm.getData() == null ? Map.of() : cm.getData();
  }

  private void schedule(Pod pod, List<Volume> volumes, Projected p, Instant at) {
    if (p.gone || at == null) {
      return;
    }
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    p.refresh = scheduler.schedule(() -> refresh(pod, volumes, p), delay,
        TimeUnit.MILLISECONDS);
  }

  private void refresh(Pod pod, List<Volume> volumes, Projected p) {
    if (p.gone) {
      return;
    }
    String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    try {
      Instant next = project(pod, volumes, p);
      log.atInfo().addKeyValue("pod", key).addKeyValue("next", next).log("token refreshed");
      schedule(pod, volumes, p, next);
    } catch (SetUpFailed | RuntimeException e) {
      log.atWarn().addKeyValue("pod", key).addKeyValue("error", e.getMessage())
          .log("token refresh failed; retrying");
      schedule(pod, volumes, p, clock.instant().plus(RETRY));
    }
  }
}
