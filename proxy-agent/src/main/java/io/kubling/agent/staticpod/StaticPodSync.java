package io.kubling.agent.staticpod;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the static pods of --pod-manifest-path, one pass per call: each manifest's mirror pod
 * is created bound to this node (so no scheduler is involved, and the pod workers run it like
 * any pod of the node); a changed manifest replaces its mirror pod; a removed manifest deletes
 * it, which stops the pod. A mirror pod deleted through the API is created again on the next
 * pass while the static pod keeps running (the pod workers ask {@link #wants}), as with the
 * kubelet; unlike the kubelet, a static pod starts only once the API server has its mirror pod.
 */
public final class StaticPodSync implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(StaticPodSync.class);

  private final KubernetesClient client;
  private final Path dir;
  private final String nodeName;
  private final String nodeUid;
  private final Supplier<List<Pod>> nodePods;
  private volatile Map<String, String> wantedHashes = Map.of();

  /** @param nodePods this node's pods as the agent's informer has them */
  public StaticPodSync(KubernetesClient client, Path dir, String nodeName, String nodeUid,
      Supplier<List<Pod>> nodePods) {
    this.client = requireNonNull(client, "client should not be null");
    this.dir = requireNonNull(dir, "dir should not be null");
    this.nodeName = requireNonNull(nodeName, "nodeName should not be null");
    this.nodeUid = requireNonNull(nodeUid, "nodeUid should not be null");
    this.nodePods = requireNonNull(nodePods, "nodePods should not be null");
  }

  /** Whether the manifests ask now for the static pod {@code key} with this config hash. */
  public boolean wants(String key, String hash) {
    return hash.equals(wantedHashes.get(key));
  }

  @Override
  public void run() {
    Map<String, Pod> wanted = new HashMap<>();
    Map<String, String> hashes = new HashMap<>();
    for (Pod manifest : StaticPodManifests.read(dir).values()) {
      Pod m = MirrorPods.mirror(manifest, nodeName, nodeUid);
      String key = m.getMetadata().getNamespace() + "/" + m.getMetadata().getName();
      wanted.put(key, m);
      hashes.put(key, hash(m));
    }
    // Known before any mirror pod is deleted, so the pod workers stop exactly those.
    wantedHashes = Map.copyOf(hashes);
    Map<String, Pod> existing = new HashMap<>();
    for (Pod p : nodePods.get()) {
      existing.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
    }
    for (Map.Entry<String, Pod> e : wanted.entrySet()) {
      Pod have = existing.get(e.getKey());
      Pod want = e.getValue();
      if (have == null) {
        create(want);
      } else if (have.getMetadata().getDeletionTimestamp() != null) {
        continue; // being stopped; created again once it is gone
      } else if (!MirrorPods.isMirrorOf(have, nodeName)) {
        log.atWarn().addKeyValue("pod", e.getKey())
            .log("a pod that is not this node's mirror pod holds the static pod's name");
      } else if (!hash(want).equals(hash(have))) {
        delete(have, "manifest changed");
      }
    }
    for (Map.Entry<String, Pod> e : existing.entrySet()) {
      Pod p = e.getValue();
      if (!wanted.containsKey(e.getKey()) && MirrorPods.isMirrorOf(p, nodeName)
          && p.getMetadata().getDeletionTimestamp() == null) {
        delete(p, "manifest removed");
      }
    }
  }

  private static String hash(Pod p) {
    return p.getMetadata().getAnnotations().get(MirrorPods.MIRROR);
  }

  private void create(Pod mirror) {
    try {
      client.pods().inNamespace(mirror.getMetadata().getNamespace()).resource(mirror).create();
      log.atInfo().addKeyValue("pod", mirror.getMetadata().getNamespace() + "/"
          + mirror.getMetadata().getName()).log("mirror pod created");
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        log.atWarn().addKeyValue("pod", mirror.getMetadata().getName())
            .log("mirror pod not created: " + e.getMessage());
      }
    }
  }

  private void delete(Pod p, String why) {
    try {
      client.pods().inNamespace(p.getMetadata().getNamespace())
          .withName(p.getMetadata().getName()).delete();
      log.atInfo().addKeyValue("pod", p.getMetadata().getNamespace() + "/"
          + p.getMetadata().getName()).log("mirror pod deleted: " + why);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        log.atWarn().addKeyValue("pod", p.getMetadata().getName())
            .log("mirror pod not deleted: " + e.getMessage());
      }
    }
  }
}
