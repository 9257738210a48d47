package io.kubling.cli;

import io.kubling.apiserver.Version;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kubling version}: kubling's own version and the Kubernetes API version it speaks. */
@Command(name = "version", mixinStandardHelpOptions = true,
    description = "Prints kubling's version and the Kubernetes API version it serves.")
final class VersionCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("kubling " + kublingVersion());
    spec.commandLine().getOut().println("Kubernetes API " + Version.GIT_VERSION);
    return 0;
  }

  /** The Maven project version, filtered into a resource at build time. */
  static String kublingVersion() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
