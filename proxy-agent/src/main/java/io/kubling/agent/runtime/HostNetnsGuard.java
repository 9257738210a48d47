package io.kubling.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the netns runtime out of the machine's own network namespace unless asked: there it
 * would put the pod bridge, veths and host-gw routes into the host's network. The machine's
 * namespace is the one of pid 1; a node namespace (or a container) has another.
 */
public final class HostNetnsGuard {
  private HostNetnsGuard() {}

  /** Fails with one line naming the flag when {@code self} is the machine's namespace. */
  public static void check(String self, String machine, boolean allowed, String flag) {
    if (!allowed && self != null && self.equals(machine)) {
      throw new IllegalArgumentException("the netns runtime refuses to run in the machine's own"
          + " network namespace (" + self + "), where it would wire pod bridges and routes into"
          + " the host; run the agent in a node's namespace, or pass --" + flag
          + " if this machine is meant to be the node");
    }
  }

  /** Checks this process: /proc/self/ns/net against /proc/1/ns/net. */
  public static void checkThisProcess(boolean allowed, String flag) {
    check(link("/proc/self/ns/net"), link("/proc/1/ns/net"), allowed, flag);
  }

  static String link(String path) {
    try {
      return Files.readSymbolicLink(Path.of(path)).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // unreadable (not root, no /proc): nothing to compare, so no guard
    }
  }
}
