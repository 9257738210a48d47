package io.kubling.component.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the common component flags from arguments, with each flag's environment variable
 * {@code KUBLING_<FLAG_IN_UPPER_SNAKE>} as the fallback: flag, then environment, then default.
 */
public final class ComponentFlags {
  public static final String KUBECONFIG = "kubeconfig";
  public static final String MASTER = "master";
  public static final String LEADER_ELECT = "leader-elect";
  public static final String LEASE_DURATION = "leader-elect-lease-duration";
  public static final String RENEW_DEADLINE = "leader-elect-renew-deadline";
  public static final String RETRY_PERIOD = "leader-elect-retry-period";
  public static final String RESOURCE_NAME = "leader-elect-resource-name";
  public static final String RESOURCE_NAMESPACE = "leader-elect-resource-namespace";
  public static final String BIND_ADDRESS = "bind-address";
  public static final String HEALTHZ_PORT = "healthz-port";
  public static final Set<String> NAMES = Set.of(KUBECONFIG, MASTER, LEADER_ELECT, LEASE_DURATION,
      RENEW_DEADLINE, RETRY_PERIOD, RESOURCE_NAME, RESOURCE_NAMESPACE, BIND_ADDRESS, HEALTHZ_PORT);

  /** The options read, and the arguments that were not common flags, in order, for the caller. */
  public record Parsed(ComponentOptions options, List<String> remaining) {}

  private ComponentFlags() {}

  /** The environment variable that backs a flag, e.g. KUBLING_LEADER_ELECT_LEASE_DURATION. */
  public static String envName(String flag) {
    return "KUBLING_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * Parses {@code --flag=value}, {@code --flag value} and a bare {@code --leader-elect}; a
   * boolean takes its value only after '=', as in Kubernetes' pflag. Bad values fail naming
   * the flag and its variable.
   */
  public static Parsed parse(List<String> args, Map<String, String> env, ComponentOptions defaults) {
    Map<String, String> raw = new HashMap<>();
    for (String flag : NAMES) {
      String value = env.get(envName(flag));
      if (value != null) {
        raw.put(flag, value);
      }
    }
    List<String> remaining = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String body = arg.startsWith("--") ? arg.substring(2) : "";
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      if (!NAMES.contains(name)) {
        remaining.add(arg);
      } else if (eq >= 0) {
        raw.put(name, body.substring(eq + 1));
      } else if (name.equals(LEADER_ELECT)) {
        raw.put(name, "true");
      } else if (i + 1 < args.size()) {
        raw.put(name, args.get(++i));
      } else {
        throw new IllegalArgumentException("flag needs an argument: --" + name);
      }
    }
    return new Parsed(build(new Values(raw), defaults), List.copyOf(remaining));
  }

  private static ComponentOptions build(Values v, ComponentOptions d) {
    LeaderElectionOptions le = d.leaderElection();
    // The records' own checks (lease longer than renew deadline, port range) name the flags.
    return new ComponentOptions(
        v.get(KUBECONFIG, d.kubeconfig(), s -> s),
        v.get(MASTER, d.master(), s -> s),
        new LeaderElectionOptions(
            v.get(LEADER_ELECT, le.leaderElect(), ComponentFlags::parseBool),
            v.get(LEASE_DURATION, le.leaseDuration(), GoDuration::parse),
            v.get(RENEW_DEADLINE, le.renewDeadline(), GoDuration::parse),
            v.get(RETRY_PERIOD, le.retryPeriod(), GoDuration::parse),
            v.get(RESOURCE_NAME, le.resourceName(), s -> s),
            v.get(RESOURCE_NAMESPACE, le.resourceNamespace(), s -> s)),
        v.get(BIND_ADDRESS, d.bindAddress(), s -> s),
        v.get(HEALTHZ_PORT, d.healthzPort(), Integer::parseInt));
  }

  /** Go's strconv.ParseBool, which pflag uses: 1, t, true, 0, f, false in any usual case. */
  static boolean parseBool(String s) {
    return switch (s) {
      case "1", "t", "T", "true", "TRUE", "True" -> true;
      case "0", "f", "F", "false", "FALSE", "False" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + s);
    };
  }

  private record Values(Map<String, String> raw) {
    <T> T get(String flag, T fallback, Function<String, T> parse) {
      String value = raw.get(flag);
      if (value == null) {
        return fallback;
      }
      try {
        return parse.apply(value.strip());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("invalid value \"" + value + "\" for --" + flag
            + " (or " + envName(flag) + "): " + e.getMessage(), e);
      }
    }
  }
}
