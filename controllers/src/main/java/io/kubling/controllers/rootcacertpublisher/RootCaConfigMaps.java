package io.kubling.controllers.rootcacertpublisher;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The publisher's decision: what a namespace's kube-root-ca.crt must become, if anything. */
public final class RootCaConfigMaps {
  public static final String NAME = "kube-root-ca.crt";
  public static final String KEY = "ca.crt";
  static final String DESCRIPTION_ANNOTATION = "kubernetes.io/description";
  static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the"
      + " kube-apiserver when using internal endpoints such as the internal service IP or"
      + " kubernetes.default.svc. No other usage is guaranteed across distributions of"
      + " Kubernetes clusters.";

  /** What to write: a new ConfigMap (create) or the existing one set right. */
  public record Change(ConfigMap configMap, boolean create) {}

  private RootCaConfigMaps() {}

  /** The change that makes ns hold exactly caBundle under ca.crt, with kube's annotation. */
  public static Optional<Change> change(Namespace ns, Optional<ConfigMap> existing,
      String caBundle) {
    boolean active = ns.getMetadata().getDeletionTimestamp() == null
        && (ns.getStatus() == null || !"Terminating".equals(ns.getStatus().getPhase()));
    if (!active) {
      return Optional.empty();
    }
    if (existing.isEmpty()) {
      return Optional.of(new Change(new ConfigMapBuilder().withNewMetadata().withName(NAME)
          .withNamespace(ns.getMetadata().getName())
          .addToAnnotations(DESCRIPTION_ANNOTATION, DESCRIPTION).endMetadata()
          .addToData(KEY, caBundle).build(), true));
    }
    ConfigMap cm = existing.get();
    Map<String, String> annotations = cm.getMetadata().getAnnotations();
    boolean dataRight = Objects.equals(cm.getData(), Map.of(KEY, caBundle));
    boolean annotated = annotations != null
        && DESCRIPTION.equals(annotations.get(DESCRIPTION_ANNOTATION));
    if (dataRight && annotated) {
      return Optional.empty();
    }
    // Copied, never changed in the cache; kube overwrites the data whole.
    return Optional.of(new Change(new ConfigMapBuilder(cm).editMetadata()
        .addToAnnotations(DESCRIPTION_ANNOTATION, DESCRIPTION).endMetadata()
        .withData(Map.of(KEY, caBundle)).build(), false));
  }
}
