package io.kubling.cli;

import io.kubling.apiserver.ApiServer;
import io.kubling.apiserver.ApiServerOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts the API server for a command, hands it to the shutdown sequence, says when ready. */
final class ApiServerLauncher {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private ApiServerLauncher() {}

  static ApiServer start(ApiServerOptions options, ShutdownSequence shutdown, PrintWriter out) {
    ApiServer server = new ApiServer(options);
    // Registered before start() so that Ctrl-C during start-up closes it too.
    shutdown.add("apiserver", server);
    try {
      server.start().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new UserError("apiserver did not start within " + START_TIMEOUT.toSeconds()
          + "s: is etcd at " + String.join(",", options.etcdServers()) + " answering?");
    } catch (ExecutionException e) {
      throw new UserError("apiserver did not start: " + rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while the apiserver was starting");
    }
    out.println("apiserver ready at " + server.url());
    return server;
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = c.getMessage();
    return (m == null || m.isBlank() ? c.getClass().getSimpleName() : m).replace('\n', ' ');
  }
}
