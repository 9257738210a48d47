package io.kubling.scheduler.framework;

import java.util.List;

/**
 * A filter's verdict on one node: success, or unschedulable with the reasons Kubernetes prints
 * (e.g. "Insufficient cpu"), which the failure message counts node by node.
 */
public final class Status {
  public static final Status SUCCESS = new Status(null, List.of());

  private final String plugin;
  private final List<String> reasons;

  private Status(String plugin, List<String> reasons) {
    this.plugin = plugin;
    this.reasons = reasons;
  }

  public static Status unschedulable(String plugin, String reason) {
    return new Status(plugin, List.of(reason));
  }

  public static Status unschedulable(String plugin, List<String> reasons) {
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("an unschedulable status needs a reason");
    }
    return new Status(plugin, List.copyOf(reasons));
  }

  public boolean isSuccess() {
    return this == SUCCESS;
  }

  /** The plugin that failed the node; null on success. */
  public String plugin() {
    return plugin;
  }

  public List<String> reasons() {
    return reasons;
  }

  @Override
  public String toString() {
    return isSuccess() ? "Success" : plugin + ": " + reasons;
  }
}
