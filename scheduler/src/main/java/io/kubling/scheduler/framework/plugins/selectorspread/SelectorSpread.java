package io.kubling.scheduler.framework.plugins.selectorspread;

import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.ScorePlugin;

/**
 * Spreads the pods of one controller across nodes, as Kubernetes' SelectorSpread did: nodes
 * with fewer pods of the same owner score higher. The owner is the controller owner
 * reference, the one object whose selector picks out these pods.
 */
public final class SelectorSpread implements ScorePlugin {
  public static final String NAME = "SelectorSpread";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean skip(PodInfo pod) {
    return pod.ownerUid() == null;
  }

  @Override
  public long score(PodInfo pod, NodeInfo node) {
    return node.podsOfOwner(pod.ownerUid());
  }

  /** 100 × (max − count) / max: the emptiest nodes get 100; all 100 when none has a pod. */
  @Override
  public void normalize(PodInfo pod, long[] scores) {
    long max = 0;
    for (long s : scores) {
      max = Math.max(max, s);
    }
    for (int i = 0; i < scores.length; i++) {
      scores[i] = max == 0 ? MAX_NODE_SCORE : MAX_NODE_SCORE * (max - scores[i]) / max;
    }
  }
}
