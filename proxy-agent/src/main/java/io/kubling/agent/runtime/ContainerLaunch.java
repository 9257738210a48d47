package io.kubling.agent.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One start of one container: the process to run, resolved from command/args or the image's
 * built-in behaviour, with its environment, working directory, log file and the host
 * directories it sees at paths of its own (read-only bind mounts, e.g. the ServiceAccount
 * token volume at /var/run/secrets/kubernetes.io/serviceaccount).
 *
 * @param mounts container path to host directory
 */
public record ContainerLaunch(String name, List<String> argv, Map<String, String> env,
    String workingDir, Path logFile, Map<String, Path> mounts) {
  public ContainerLaunch {
    requireNonNull(name, "name should not be null");
    argv = List.copyOf(requireNonNull(argv, "argv should not be null"));
    env = Map.copyOf(requireNonNull(env, "env should not be null"));
    requireNonNull(logFile, "logFile should not be null");
    mounts = Map.copyOf(requireNonNull(mounts, "mounts should not be null"));
  }

  public ContainerLaunch(String name, List<String> argv, Map<String, String> env,
      String workingDir, Path logFile) {
    this(name, argv, env, workingDir, logFile, Map.of());
  }

  public ContainerLaunch withMounts(Map<String, Path> m) {
    return new ContainerLaunch(name, argv, env, workingDir, logFile, m);
  }
}
