package io.kubling.agent.runtime;

import java.io.IOException;

/**
 * Runs pods for one node: sandboxes (network namespace + IP) and containers (processes). The
 * agent decides what runs; the runtime only does it.
 */
public interface PodRuntime extends AutoCloseable {

  /** The runtime's name and version for nodeInfo.containerRuntimeVersion. */
  String version();

  /** Creates the pod's sandbox; for hostNetwork pods it is the node's namespace and IP. */
  Sandbox runSandbox(PodRef pod, boolean hostNetwork) throws IOException;

  /** Starts one container process in the sandbox. */
  ContainerProcess start(Sandbox sandbox, ContainerLaunch launch) throws IOException;

  /** Sends SIGTERM, or SIGKILL when {@code force}, to the container and what it started. */
  void signal(ContainerProcess process, boolean force);

  /** Runs a command in the container's sandbox and working dir; for exec probes. */
  ExecResult exec(Sandbox sandbox, ContainerLaunch container, java.util.List<String> command,
      java.time.Duration timeout) throws IOException;

  /**
   * Starts a command in the container's sandbox with its stdin, stdout and stderr as pipes, for
   * {@code kubectl exec}; with {@code tty} the command gets a terminal and stderr joins stdout.
   */
  default Process execStream(Sandbox sandbox, ContainerLaunch container,
      java.util.List<String> command, boolean tty) throws IOException {
    throw new IOException("the " + version() + " runtime runs no container processes,"
        + " so there is nothing to exec into");
  }

  /** Tears the sandbox down: CNI DEL (veth and IP released), then the namespace removed. */
  void removeSandbox(Sandbox sandbox) throws IOException;

  /** A container found running by an earlier agent, if it is still the same process. */
  default ContainerProcess adopt(String name, long pid, java.time.Instant startedAt,
      java.nio.file.Path logFile) {
    return null;
  }

  /** A sandbox from an earlier agent run, if it still exists. */
  default boolean sandboxExists(Sandbox sandbox) {
    return false;
  }

  @Override
  default void close() {}

  /** An exec's exit code and combined output. */
  record ExecResult(int exitCode, String output) {}
}
