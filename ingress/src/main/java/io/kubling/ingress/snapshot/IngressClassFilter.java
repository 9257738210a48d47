package io.kubling.ingress.snapshot;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import java.util.Collection;
import java.util.Map;

/**
 * Which Ingresses are this controller's: spec.ingressClassName naming a class of its controller,
 * else the legacy kubernetes.io/ingress.class annotation, else (no class at all) when one of its
 * classes is the cluster's default.
 */
public final class IngressClassFilter {
  public static final String DEFAULT_CLASS_ANNOTATION =
      "ingressclass.kubernetes.io/is-default-class";
  static final String LEGACY_CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  private IngressClassFilter() {}

  public static boolean ours(Ingress ing, Collection<IngressClass> classes, String controller) {
    String name = ing.getSpec() == null ? null : ing.getSpec().getIngressClassName();
    if (name == null) {
      Map<String, String> ann = ing.getMetadata().getAnnotations();
      name = ann == null ? null : ann.get(LEGACY_CLASS_ANNOTATION);
    }
    for (IngressClass c : classes) {
      if (c.getSpec() == null || !controller.equals(c.getSpec().getController())) {
        continue;
      }
      if (name != null ? name.equals(c.getMetadata().getName()) : isDefault(c)) {
        return true;
      }
    }
    return false;
  }

  static boolean isDefault(IngressClass c) {
    Map<String, String> ann = c.getMetadata().getAnnotations();
    return ann != null && "true".equals(ann.get(DEFAULT_CLASS_ANNOTATION));
  }
}
