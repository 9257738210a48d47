package io.kubling.agent.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One start of one container: the process to run, resolved from command/args or the image's
 * built-in behaviour, with its environment, working directory and log file.
 */
public record ContainerLaunch(String name, List<String> argv, Map<String, String> env,
    String workingDir, Path logFile) {
  public ContainerLaunch {
    requireNonNull(name, "name should not be null");
    argv = List.copyOf(requireNonNull(argv, "argv should not be null"));
    env = Map.copyOf(requireNonNull(env, "env should not be null"));
    requireNonNull(logFile, "logFile should not be null");
  }
}
