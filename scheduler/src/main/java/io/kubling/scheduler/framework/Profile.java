package io.kubling.scheduler.framework;

import static java.util.Objects.requireNonNull;

import io.kubling.scheduler.framework.plugins.nodeaffinity.NodeAffinity;
import io.kubling.scheduler.framework.plugins.nodename.NodeName;
import io.kubling.scheduler.framework.plugins.nodeports.NodePorts;
import io.kubling.scheduler.framework.plugins.nodeready.NodeReady;
import io.kubling.scheduler.framework.plugins.noderesources.NodeResourcesFit;
import io.kubling.scheduler.framework.plugins.nodeunschedulable.NodeUnschedulable;
import io.kubling.scheduler.framework.plugins.selectorspread.SelectorSpread;
import io.kubling.scheduler.framework.plugins.tainttoleration.TaintToleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scheduler profile: the filters in the order they run (a node's first failing filter gives
 * its reasons, as in Kubernetes) and the score plugins with their weights.
 */
public final class Profile {
  /** A score plugin and how much its 0–100 score counts. */
  public record WeightedScore(ScorePlugin plugin, int weight) {}

  private final List<FilterPlugin> filters;
  private final FilterPlugin[] filterArray;
  private final List<WeightedScore> scores;

  public Profile(List<FilterPlugin> filters, List<WeightedScore> scores) {
    this.filters = List.copyOf(requireNonNull(filters, "filters should not be null"));
    this.scores = List.copyOf(requireNonNull(scores, "scores should not be null"));
    this.filterArray = this.filters.toArray(new FilterPlugin[0]);
  }

  /** Built from plugin names, each looked up in the {@link PluginRegistry}. */
  public static Profile of(List<String> filterNames, Map<String, Integer> scoreWeights) {
    List<FilterPlugin> filters = new ArrayList<>();
    for (String name : filterNames) {
      if (!(PluginRegistry.create(name) instanceof FilterPlugin f)) {
        throw new IllegalArgumentException("plugin " + name + " is not a filter plugin");
      }
      filters.add(f);
    }
    List<WeightedScore> scores = new ArrayList<>();
    scoreWeights.forEach((name, weight) -> {
      if (!(PluginRegistry.create(name) instanceof ScorePlugin s)) {
        throw new IllegalArgumentException("plugin " + name + " is not a score plugin");
      }
      scores.add(new WeightedScore(s, weight));
    });
    return new Profile(filters, scores);
  }

  /** Kubernetes' default plugin order and score weights, for the plugins kubling has. */
  public static Profile defaults() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    weights.put(TaintToleration.NAME, 3);
    weights.put(NodeAffinity.NAME, 2);
    weights.put(NodeResourcesFit.NAME, 1);
    weights.put(SelectorSpread.NAME, 2);
    return of(List.of(NodeUnschedulable.NAME, NodeReady.NAME, NodeName.NAME,
        TaintToleration.NAME, NodeAffinity.NAME, NodePorts.NAME, NodeResourcesFit.NAME), weights);
  }

  public List<FilterPlugin> filters() {
    return filters;
  }

  public List<WeightedScore> scores() {
    return scores;
  }

  /** Runs the filters in order and returns the first failure, or success. */
  public Status runFilters(PodInfo pod, NodeInfo node) {
    return runFilters(filterArray, pod, node);
  }

  /**
   * The filters that can fail some node for this pod, in order: worked out once per pod, so
   * the loop over hundreds of nodes runs only those.
   */
  public FilterPlugin[] filtersFor(PodInfo pod) {
    int n = 0;
    FilterPlugin[] out = new FilterPlugin[filterArray.length];
    for (FilterPlugin f : filterArray) {
      if (!f.skipFilter(pod)) {
        out[n++] = f;
      }
    }
    return n == out.length ? out : java.util.Arrays.copyOf(out, n);
  }

  /** Runs {@code filters} (from {@link #filtersFor}) in order: the first failure, or success. */
  public static Status runFilters(FilterPlugin[] filters, PodInfo pod, NodeInfo node) {
    for (FilterPlugin f : filters) {
      Status s = f.filter(pod, node);
      if (!s.isSuccess()) {
        return s;
      }
    }
    return Status.SUCCESS;
  }
}
