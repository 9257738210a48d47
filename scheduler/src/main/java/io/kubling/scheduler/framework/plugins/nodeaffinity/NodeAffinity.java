package io.kubling.scheduler.framework.plugins.nodeaffinity;

import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.ScorePlugin;
import io.kubling.scheduler.framework.Status;
import java.util.Map;

/**
 * Filters on spec.nodeSelector and required node affinity; scores by the summed weights of the
 * preferred node affinity terms a node matches.
 */
public final class NodeAffinity implements FilterPlugin, ScorePlugin {
  public static final String NAME = "NodeAffinity";
  public static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean skipFilter(PodInfo pod) {
    return pod.nodeSelector().isEmpty() && pod.requiredAffinity() == null;
  }

  @Override
  public Status filter(PodInfo pod, NodeInfo node) {
    return matchesRequired(pod, node) ? Status.SUCCESS : Status.unschedulable(NAME, REASON);
  }

  static boolean matchesRequired(PodInfo pod, NodeInfo node) {
    Map<String, String> labels = node.labels();
    for (Map.Entry<String, String> e : pod.nodeSelector().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    return pod.requiredAffinity() == null || pod.requiredAffinity().matches(node.name(), labels);
  }

  @Override
  public boolean skip(PodInfo pod) {
    return pod.preferredAffinity().isEmpty();
  }

  @Override
  public long score(PodInfo pod, NodeInfo node) {
    long sum = 0;
    for (PodInfo.WeightedTerm t : pod.preferredAffinity()) {
      if (t.term().matches(node.name(), node.labels())) {
        sum += t.weight();
      }
    }
    return sum;
  }

  @Override
  public void normalize(PodInfo pod, long[] scores) {
    ScorePlugin.defaultNormalize(scores, false);
  }
}
