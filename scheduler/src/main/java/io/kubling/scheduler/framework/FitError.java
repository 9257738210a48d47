package io.kubling.scheduler.framework;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' message for a pod that fits nowhere: "0/3 nodes are available: 1 node(s) had
 * untolerated taint {spray: mortein}, 2 Insufficient cpu." Each reason is counted over the
 * nodes that gave it, and the "count reason" strings are sorted as strings, as Go's
 * sort.Strings does.
 */
public final class FitError {
  public static final String NO_NODES = "no nodes available to schedule pods";

  private FitError() {}

  public static String message(int numAllNodes, Map<String, Integer> reasonCounts) {
    if (numAllNodes == 0) {
      return NO_NODES;
    }
    StringBuilder msg = new StringBuilder("0/").append(numAllNodes)
        .append(" nodes are available:");
    List<String> reasons = new ArrayList<>(reasonCounts.size());
    reasonCounts.forEach((reason, count) -> reasons.add(count + " " + reason));
    Collections.sort(reasons);
    if (!reasons.isEmpty()) {
      msg.append(' ').append(String.join(", ", reasons)).append('.');
    }
    return msg.toString();
  }
}
