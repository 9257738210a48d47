package io.kubling.scheduler.framework;

/**
 * Ranks feasible nodes for a pod: a raw score per node, then normalised in place to 0–100
 * across the nodes being scored.
 */
public interface ScorePlugin extends Plugin {
  long MAX_NODE_SCORE = 100;

  long score(PodInfo pod, NodeInfo node);

  /** Rewrites the raw scores to 0–100; the default leaves scores already in range alone. */
  default void normalize(PodInfo pod, long[] scores) {}

  /** True when this plugin would give every node the same score for this pod (PreScore Skip). */
  default boolean skip(PodInfo pod) {
    return false;
  }

  /**
   * Kubernetes' DefaultNormalizeScore: scales to 0–100 by the highest score; reversed, the
   * highest raw score gets 0. All zero stays zero (or all 100 when reversed).
   */
  static void defaultNormalize(long[] scores, boolean reverse) {
    long max = 0;
    for (long s : scores) {
      max = Math.max(max, s);
    }
    for (int i = 0; i < scores.length; i++) {
      if (max == 0) {
        scores[i] = reverse ? MAX_NODE_SCORE : 0;
        continue;
      }
      long s = MAX_NODE_SCORE * scores[i] / max;
      scores[i] = reverse ? MAX_NODE_SCORE - s : s;
    }
  }
}
