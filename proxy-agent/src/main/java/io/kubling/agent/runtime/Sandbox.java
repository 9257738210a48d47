package io.kubling.agent.runtime;

import static java.util.Objects.requireNonNull;

/**
 * A pod's sandbox: its network namespace (null for hostNetwork pods, which use the node's)
 * and its IP.
 */
public record Sandbox(PodRef pod, String netns, String ip) {
  public Sandbox {
    requireNonNull(pod, "pod should not be null");
    requireNonNull(ip, "ip should not be null");
  }

  public boolean hostNetwork() {
    return netns == null;
  }
}
