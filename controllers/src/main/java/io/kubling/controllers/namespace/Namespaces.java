package io.kubling.controllers.namespace;

import io.fabric8.kubernetes.api.model.Namespace;
import java.util.ArrayList;
import java.util.List;

/** The namespace controller's decisions. */
public final class Namespaces {
  /** The finalizer this controller owns in spec.finalizers. */
  public static final String FINALIZER = "kubernetes";

  /** What to do next for a namespace. */
  public enum Step { NOTHING, DELETE_CONTENT, WAIT, FINALIZE }

  private Namespaces() {}

  /** Active: nothing; content left: delete it (or wait for terminating objects); empty: finalize. */
  public static Step next(Namespace ns, List<NamespaceApi.Item> remaining) {
    if (ns.getMetadata().getDeletionTimestamp() == null) {
      return Step.NOTHING;
    }
    if (!specFinalizers(ns).contains(FINALIZER)) {
      return Step.NOTHING;
    }
    if (remaining.isEmpty()) {
      return Step.FINALIZE;
    }
    return remaining.stream().allMatch(NamespaceApi.Item::terminating) ? Step.WAIT
        : Step.DELETE_CONTENT;
  }

  /** spec.finalizers without ours. */
  public static List<String> finalizersAfter(Namespace ns) {
    List<String> out = new ArrayList<>(specFinalizers(ns));
    out.remove(FINALIZER);
    return out;
  }

  static List<String> specFinalizers(Namespace ns) {
    return ns.getSpec() == null || ns.getSpec().getFinalizers() == null ? List.of()
        : ns.getSpec().getFinalizers();
  }
}
