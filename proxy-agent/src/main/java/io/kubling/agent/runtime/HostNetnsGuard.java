package io.kubling.agent.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the netns runtime out of the machine's own network namespace unless asked: there it
 * would put the pod bridge, veths and host-gw routes into the host's network. The machine's
 * namespace is the one of pid 1; a node namespace (or a container) has another. Where pid 1's
 * namespace cannot be read (a sandbox without ptrace rights over pid 1), the kernel's fixed
 * inode of the initial network namespace tells it.
 */
public final class HostNetnsGuard {
  /** PROC_NET_INIT_INO (0xEFFFFFF9): the inode Linux gives its initial network namespace. */
  static final String INITIAL_NETNS = "net:[4026531833]";

  private HostNetnsGuard() {}

  /** Fails with one line naming the flag when {@code self} is the machine's namespace. */
  public static void check(String self, String machine, boolean allowed, String flag) {
    if (!allowed && self != null && self.equals(machine == null ? INITIAL_NETNS : machine)) {
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
      return null; // unreadable: pid 1's without ptrace rights over it
    }
  }
}
