package io.kubling.agent.staticpod;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Static pods as the API sees them: a manifest becomes its mirror pod, named
 * {@code <name>-<nodeName>}, bound to the node, owned by the Node and annotated with the
 * manifest's hash, as the kubelet's mirror pods are. Pure functions.
 */
public final class MirrorPods {
  public static final String MIRROR = "kubernetes.io/config.mirror";
  public static final String HASH = "kubernetes.io/config.hash";
  public static final String SOURCE = "kubernetes.io/config.source";

  private MirrorPods() {}

  /** The mirror pod of a manifest on a node. */
  public static Pod mirror(Pod manifest, String nodeName, String nodeUid) {
    String hash = hash(manifest);
    Pod p = new PodBuilder(manifest).withStatus(null).build();
    ObjectMeta m = p.getMetadata();
    m.setName(m.getName() + "-" + nodeName);
    if (m.getNamespace() == null || m.getNamespace().isEmpty()) {
      m.setNamespace("default");
    }
    m.setUid(null);
    m.setResourceVersion(null);
    m.setCreationTimestamp(null);
    m.setGenerateName(null);
    Map<String, String> a = new HashMap<>(m.getAnnotations() == null ? Map.of()
        : m.getAnnotations());
    a.put(MIRROR, hash);
    a.put(HASH, hash);
    a.put(SOURCE, "file");
    m.setAnnotations(a);
    OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
        .withName(nodeName).withUid(nodeUid).withController(true).build();
    m.setOwnerReferences(List.of(owner));
    p.getSpec().setNodeName(nodeName);
    return p;
  }

  /** Whether a pod is a mirror pod of this node's static pods. */
  public static boolean isMirrorOf(Pod p, String nodeName) {
    Map<String, String> a = p.getMetadata().getAnnotations();
    if (a == null || !a.containsKey(MIRROR)) {
      return false;
    }
    List<OwnerReference> owners = p.getMetadata().getOwnerReferences();
    return owners != null && owners.stream().anyMatch(o -> "Node".equals(o.getKind())
        && nodeName.equals(o.getName()));
  }

  /** The manifest's hash: it changes exactly when the manifest's content does. */
  static String hash(Pod manifest) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(
          Serialization.asJson(manifest).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
