package io.kubling.cli;

import java.util.Locale;
import java.util.function.UnaryOperator;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every flag falls back to an environment variable named after it: {@code --data-dir} reads
 * {@code KUBLING_DATA_DIR}. A flag given on the command line wins; without either, the
 * flag's own default applies (picocli uses it when this provider returns null).
 */
final class EnvDefaults implements IDefaultValueProvider {
  static final String PREFIX = "KUBLING_";

  private final UnaryOperator<String> env;

  EnvDefaults(UnaryOperator<String> env) {
    this.env = env;
  }

  /** {@code --service-node-port-range} → {@code KUBLING_SERVICE_NODE_PORT_RANGE}. */
  static String envName(String longFlag) {
    return PREFIX + longFlag.replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    for (String name : option.names()) {
      if (name.startsWith("--")) {
        String value = env.apply(envName(name));
        if (value != null && !value.isEmpty()) {
          return value;
        }
      }
    }
    return null;
  }
}
