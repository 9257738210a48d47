package io.kubling.cli;

import io.kubling.controllers.servicelb.LoadBalancerIpRange;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The controller manager's LoadBalancer address range, for it alone and inside the server. */
final class LoadBalancerFlags {
  @Option(names = "--load-balancer-ip-range", defaultValue = "", paramLabel = "<range>",
      description = "Addresses the controller manager gives LoadBalancer services (FIRST-LAST"
          + " or a CIDR); empty: they stay pending. Env: KUBLING_LOAD_BALANCER_IP_RANGE.")
  String range;

  /** The range, checked: a bad one is a usage error before anything starts. */
  String validated(CommandSpec spec) {
    if (!range.isBlank()) {
      try {
        LoadBalancerIpRange.parse(range);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "Invalid value for option"
            + " '--load-balancer-ip-range': '" + range + "': " + e.getMessage());
      }
    }
    return range;
  }
}
