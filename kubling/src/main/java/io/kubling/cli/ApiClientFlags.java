package io.kubling.cli;

import picocli.CommandLine.Option;

/** How a component alone reaches the API server: the flags every one of them shares. */
final class ApiClientFlags {
  @Option(names = "--kubeconfig", defaultValue = "", paramLabel = "<file>",
      description = "kubeconfig to reach the API server with. Env: KUBLING_KUBECONFIG.")
  String kubeconfig;

  @Option(names = "--master", defaultValue = "", paramLabel = "<url>",
      description = "The API server's URL; overrides the kubeconfig's server. Env: KUBLING_MASTER.")
  String master;
}
