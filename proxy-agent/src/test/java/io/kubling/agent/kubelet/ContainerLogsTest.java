package io.kubling.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.agent.pod.ContainerFinder;
import io.kubling.agent.pod.ContainerHandle;
import io.kubling.agent.runtime.ContainerLaunch;
import io.kubling.agent.runtime.PodRef;
import io.kubling.agent.runtime.Sandbox;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's container log endpoint on loopback, over log files the test writes. */
class ContainerLogsTest {
  static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dir;
  KubeletServer server;
  Path current;
  Path previous;
  CompletableFuture<Integer> exit = new CompletableFuture<>();

  @BeforeEach
  void start() throws Exception {
    current = dir.resolve("1.log");
    previous = dir.resolve("0.log");
    Files.writeString(current, "a\nb\nc\n");
    Files.writeString(previous, "old\n");
    ContainerFinder finder = (namespace, pod, c) -> {
      if (!pod.equals("p") || !c.equals("main")) {
        return Optional.empty();
      }
      Sandbox sb = new Sandbox(new PodRef("default", "p", "uid-1"), "ns", "10.244.0.5");
      return Optional.of(new ContainerHandle(sb, new ContainerLaunch("main", List.of("x"),
          Map.of(), null, current), current, previous, exit, null));
    };
    server = KubeletServer.start("127.0.0.1", 0, () -> finder, () -> null);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  HttpResponse<String> get(String query) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/containerLogs/default/" + query)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void wholeTailAndPrevious() throws Exception {
    assertThat(get("p/main").body()).isEqualTo("a\nb\nc\n");
    assertThat(get("p/main?tailLines=2").body()).isEqualTo("b\nc\n");
    assertThat(get("p/main?limitBytes=3").body()).isEqualTo("a\nb");
    assertThat(get("p/main?previous=true").body()).isEqualTo("old\n");
  }

  @Test
  void refusalsAreStatuses() throws Exception {
    HttpResponse<String> r = get("p/main?timestamps=true");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"kind\":\"Status\"", "timestamps are not supported");
    assertThat(get("p/main?sinceSeconds=10").body()).contains("sinceSeconds is not supported");
    assertThat(get("p/main?tailLines=x").statusCode()).isEqualTo(400);
    HttpResponse<String> notYet = get("q/main");
    assertThat(notYet.statusCode()).isEqualTo(400);
    assertThat(notYet.body()).contains(
        "container \\\"main\\\" in pod \\\"q\\\" is waiting to start: ContainerCreating");
    Files.delete(previous);
    assertThat(get("p/main?previous=true").body())
        .contains("previous terminated container \\\"main\\\" in pod \\\"p\\\" not found");
  }

  @Test
  void followSendsNewLinesAndEndsWhenTheContainerExits() throws Exception {
    HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.port() + "/containerLogs/default/p/main?follow=true"
            + "&tailLines=1")).build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      assertThat(new String(in.readNBytes(2), StandardCharsets.UTF_8)).isEqualTo("c\n");
      Files.writeString(current, "d\n", StandardOpenOption.APPEND);
      assertThat(new String(in.readNBytes(2), StandardCharsets.UTF_8)).isEqualTo("d\n");
      Files.writeString(current, "last\n", StandardOpenOption.APPEND);
      exit.complete(0);
      CompletableFuture<String> rest = CompletableFuture.supplyAsync(() -> {
        try {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      assertThat(rest.get(20, TimeUnit.SECONDS)).isEqualTo("last\n");
    }
  }
}
