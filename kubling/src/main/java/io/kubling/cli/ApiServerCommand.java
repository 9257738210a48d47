package io.kubling.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code kubling apiserver}: the API server alone, against an etcd that runs elsewhere. */
@Command(name = "apiserver", mixinStandardHelpOptions = true, showDefaultValues = true,
    sortOptions = false,
    description = {"Runs the API server alone against an existing etcd. Ctrl-C stops it."
        + " Every flag can also be set by the environment variable named after it."})
final class ApiServerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--etcd-servers", split = ",", paramLabel = "<url>",
      description = "Client URLs of etcd (required). Env: KUBLING_ETCD_SERVERS.")
  List<String> etcdServers;

  @Mixin
  ApiServerFlags api;

  @Option(names = "--kubeconfig", paramLabel = "<file>",
      description = "If given, write an admin kubeconfig for this API server there."
          + " Env: KUBLING_KUBECONFIG.")
  Path kubeconfig;

  @Override
  public Integer call() throws InterruptedException {
    // Checked here rather than with required = true: picocli would not count the
    // environment variable as having given the option.
    if (etcdServers == null || etcdServers.isEmpty()) {
      throw new ParameterException(spec.commandLine(),
          "Missing required option: '--etcd-servers=<url>'");
    }
    api.validate();
    PrintWriter out = spec.commandLine().getOut();
    ShutdownSequence shutdown = ShutdownSequence.install(out);
    try {
      var server = ApiServerLauncher.start(api.toOptions(etcdServers), shutdown, out);
      if (kubeconfig != null) {
        Path file = kubeconfig.toAbsolutePath().normalize();
        try {
          Kubeconfig.writeAtomically(file,
              Kubeconfig.render(Kubeconfig.serverUrl(api.bindAddress, server.port())));
        } catch (IOException e) {
          throw new UserError("cannot write kubeconfig " + file + ": " + e.getMessage());
        }
        out.println("kubeconfig written to " + file);
        out.println("export KUBECONFIG=" + file);
      }
      out.flush();
    } catch (RuntimeException e) {
      shutdown.run();
      throw e;
    }
    new CountDownLatch(1).await();
    return 0;
  }
}
