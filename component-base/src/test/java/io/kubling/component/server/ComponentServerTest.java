package io.kubling.component.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubling.component.workqueue.WorkQueue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ComponentServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final WorkQueue<String> queue = new WorkQueue<>("scheduling");
  private ComponentServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
    queue.shutDown();
  }

  @Test
  void healthzIsOkUntilACheckFails() throws Exception {
    AtomicBoolean leaderElection = new AtomicBoolean(true);
    server = new ComponentServer("127.0.0.1", 0)
        .healthCheck("leaderElection", leaderElection::get)
        .healthCheck("ping", () -> true)
        .start();
    assertThat(server.port()).isPositive();
    HttpResponse<String> ok = get("/healthz");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("ok");

    leaderElection.set(false);
    HttpResponse<String> failed = get("/healthz");
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.body()).isEqualTo("[-]leaderElection failed\nhealthz check failed\n");
  }

  @Test
  void metricsServesRegisteredSourcesEvenAddedAfterStart() throws Exception {
    server = new ComponentServer("127.0.0.1", 0).start();
    queue.add("default/p");
    server.metrics(queue);
    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
    assertThat(metrics.body())
        .contains("# TYPE workqueue_depth gauge\nworkqueue_depth{name=\"scheduling\"} 1\n");
    assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
  }

  @Test
  void aBusyPortFailsNamingTheAddress() {
    server = new ComponentServer("127.0.0.1", 0).start();
    ComponentServer second = new ComponentServer("127.0.0.1", server.port());
    assertThatThrownBy(second::start).hasMessage("cannot listen on 127.0.0.1:" + server.port());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
