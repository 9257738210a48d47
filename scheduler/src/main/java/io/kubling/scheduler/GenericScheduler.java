package io.kubling.scheduler;

import static java.util.Objects.requireNonNull;

import io.kubling.scheduler.framework.FilterPlugin;
import io.kubling.scheduler.framework.FitError;
import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Profile;
import io.kubling.scheduler.framework.ScorePlugin;
import io.kubling.scheduler.framework.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Picks a node for one pod, as Kubernetes' schedulePod does: filter nodes starting where the
 * previous pod stopped, stop once enough feasible nodes are found, score those, take the best
 * with ties broken at random. Not thread-safe; one scheduling thread owns it.
 */
public final class GenericScheduler {
  static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
  static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

  private final Profile profile;
  private final int percentageOfNodesToScore;
  private final RandomGenerator random;
  private int nextStartNodeIndex;
  // Reused from pod to pod (one thread owns this): at thousands of pods per second, fresh
  // arrays of hundreds of entries per pod were most of the scheduling loop's garbage.
  private NodeInfo[] feasibleBuffer = new NodeInfo[0];
  private long[] totalsBuffer = new long[0];
  private long[] scoresBuffer = new long[0];

  /**
   * @param percentageOfNodesToScore 1–100, or 0 for Kubernetes' adaptive default
   */
  public GenericScheduler(Profile profile, int percentageOfNodesToScore, RandomGenerator random) {
    this.profile = requireNonNull(profile, "profile should not be null");
    if (percentageOfNodesToScore < 0 || percentageOfNodesToScore > 100) {
      throw new IllegalArgumentException(
          "--percentage-of-nodes-to-score must be 0-100, got " + percentageOfNodesToScore);
    }
    this.percentageOfNodesToScore = percentageOfNodesToScore;
    this.random = requireNonNull(random, "random should not be null");
  }

  /**
   * Kubernetes' numFeasibleNodesToFind: every node below 100 nodes; otherwise the percentage
   * (adaptive: 50 − nodes/125, at least 5) of the nodes, but never fewer than 100.
   */
  public static int numFeasibleNodesToFind(int percentage, int numAllNodes) {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) {
      return numAllNodes;
    }
    int p = percentage;
    if (p == 0) {
      p = Math.max(50 - numAllNodes / 125, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
    }
    int n = (int) ((long) numAllNodes * p / 100);
    return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
  }

  /** Chooses a node among {@code nodes} (the cache's schedulable nodes, read under its lock). */
  public ScheduleResult schedule(PodInfo pod, List<NodeInfo> nodes) {
    int all = nodes.size();
    if (all == 0) {
      return new ScheduleResult(null, FitError.NO_NODES, 0, 0);
    }
    int toFind = numFeasibleNodesToFind(percentageOfNodesToScore, all);
    if (feasibleBuffer.length != toFind) {
      feasibleBuffer = new NodeInfo[toFind];
    }
    NodeInfo[] feasible = feasibleBuffer;
    int found = 0;
    int processed = 0;
    Map<String, Integer> reasons = null;
    int start = nextStartNodeIndex % all;
    FilterPlugin[] filters = profile.filtersFor(pod);
    int index = start;
    for (; processed < all && found < toFind; processed++) {
      NodeInfo node = nodes.get(index);
      if (++index == all) {
        index = 0;
      }
      Status s = Profile.runFilters(filters, pod, node);
      if (s.isSuccess()) {
        feasible[found++] = node;
      } else {
        if (reasons == null) {
          reasons = new HashMap<>();
        }
        for (String r : s.reasons()) {
          reasons.merge(r, 1, Integer::sum);
        }
      }
    }
    nextStartNodeIndex = (start + processed) % all;
    if (found == 0) {
      return new ScheduleResult(null, FitError.message(all, reasons == null ? Map.of() : reasons),
          processed, 0);
    }
    if (found == 1) {
      return new ScheduleResult(feasible[0].name(), null, processed, 1);
    }
    long[] totals = score(pod, feasible, found);
    return new ScheduleResult(feasible[selectHost(totals, random)].name(), null, processed, found);
  }

  private long[] score(PodInfo pod, NodeInfo[] feasible, int n) {
    if (totalsBuffer.length != n) {
      totalsBuffer = new long[n];
      scoresBuffer = new long[n];
    }
    long[] totals = totalsBuffer;
    long[] scores = scoresBuffer;
    java.util.Arrays.fill(totals, 0);
    for (Profile.WeightedScore ws : profile.scores()) {
      ScorePlugin plugin = ws.plugin();
      if (plugin.skip(pod)) {
        continue;
      }
      for (int i = 0; i < n; i++) {
        scores[i] = plugin.score(pod, feasible[i]);
      }
      plugin.normalize(pod, scores);
      for (int i = 0; i < n; i++) {
        totals[i] += scores[i] * ws.weight();
      }
    }
    return totals;
  }

  /**
   * The index of the highest total; among equal highs each is equally likely. Counts the ties
   * and draws once, rather than once per tie as reservoir sampling does: on identical nodes
   * every one of hundreds ties.
   */
  static int selectHost(long[] totals, RandomGenerator random) {
    long max = totals[0];
    int ties = 1;
    for (int i = 1; i < totals.length; i++) {
      if (totals[i] > max) {
        max = totals[i];
        ties = 1;
      } else if (totals[i] == max) {
        ties++;
      }
    }
    int pick = ties == 1 ? 0 : random.nextInt(ties);
    for (int i = 0; i < totals.length; i++) {
      if (totals[i] == max && pick-- == 0) {
        return i;
      }
    }
    throw new IllegalStateException("unreachable: the highest total is among the totals");
  }
}
