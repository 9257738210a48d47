package io.kubling.agent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubling.agent.builtin.BuiltinMain;
import io.kubling.agent.builtin.ImageBehaviours;
import io.kubling.agent.runtime.ContainerLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a pod's container into the process to run: argv, environment, working dir, log. */
final class ContainerLaunches {
  /** Images whose entrypoint is empty, so args alone are the command, as Docker runs them. */
  private static final List<String> NO_ENTRYPOINT = List.of("busybox", "alpine", "ubuntu",
      "debian");
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  /** The container cannot run here; the reason and message of its Waiting state. */
  static final class NotRunnable extends Exception {
    final String reason;

    NotRunnable(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  private ContainerLaunches() {}

  static ContainerLaunch build(Pod pod, Container c, String podIp, String hostIp,
      EnvResolver.Lookup lookup, Path logFile) throws NotRunnable {
    Map<String, String> env = new LinkedHashMap<>();
    String agentPath = System.getenv("PATH");
    env.put("PATH", agentPath == null ? DEFAULT_PATH : DEFAULT_PATH + ":" + agentPath);
    env.put("HOSTNAME", pod.getMetadata().getName());
    try {
      env.putAll(EnvResolver.resolve(pod, c, podIp, hostIp, lookup));
    } catch (EnvResolver.ConfigError e) {
      throw new NotRunnable("CreateContainerConfigError", e.getMessage());
    }
    List<String> argv = argv(c, env);
    String wd = c.getWorkingDir();
    if (wd != null && !wd.isEmpty() && !Path.of(wd).toFile().isDirectory()) {
      throw new NotRunnable("CreateContainerError", "workingDir " + wd
          + " does not exist on the node (kubling runs containers on the node's filesystem)");
    }
    return new ContainerLaunch(c.getName(), argv, env, wd == null || wd.isEmpty() ? null : wd,
        logFile);
  }

  static List<String> argv(Container c, Map<String, String> env) throws NotRunnable {
    boolean hasCommand = c.getCommand() != null && !c.getCommand().isEmpty();
    String repo = repositoryName(c.getImage());
    if (hasCommand || (c.getArgs() != null && !c.getArgs().isEmpty()
        && NO_ENTRYPOINT.contains(repo))) {
      return EnvResolver.commandLine(c, env);
    }
    Optional<List<String>> builtin = ImageBehaviours.builtinArgs(c);
    if (builtin.isEmpty()) {
      throw new NotRunnable(ImageBehaviours.NOT_SUPPORTED,
          ImageBehaviours.notSupportedMessage(c.getImage()));
    }
    if (builtin.get().get(0).equals("sleep")) {
      return List.of("sleep", "infinity");
    }
    List<String> argv = new ArrayList<>(javaLauncher());
    argv.addAll(builtin.get());
    return argv;
  }

  private static String repositoryName(String image) {
    String s = image == null ? "" : image;
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      s = s.substring(0, colon);
    }
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /** A small JVM running {@link BuiltinMain} from the agent's own code. */
  static List<String> javaLauncher() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp;
    try {
      cp = Path.of(BuiltinMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (Exception e) {
      cp = System.getProperty("java.class.path");
    }
    return List.of(java, "-Xmx32m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:-UsePerfData", "-Xshare:auto", "-cp", cp, BuiltinMain.class.getName());
  }
}
