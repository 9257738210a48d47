package io.kubling.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static io.kubling.testkit.Requirements.require;

import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI routes of a real API server, read by curl-like requests and the real kubectl. */
class OpenApiHttpTest {
  private static final Path KUBECTL = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.32");
  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  static ApiServerFixture f;

  @BeforeAll
  static void up() {
    f = new ApiServerFixture();
  }

  @AfterAll
  static void down() {
    f.close();
  }

  private static HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.url() + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void indexPointsAtCacheableDocuments() throws Exception {
    var index = get("/openapi/v3", "Accept", "application/json");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("Content-Type")).contains("application/json");
    String url = Json.MAPPER.readTree(index.body()).path("paths").path("apis/apps/v1")
        .path("serverRelativeURL").asText();
    assertThat(url).startsWith("/openapi/v3/apis/apps/v1?hash=");

    var doc = get(url, "Accept", "application/json");
    assertThat(doc.statusCode()).isEqualTo(200);
    assertThat(doc.headers().firstValue("Cache-Control")).contains("public, immutable");
    String etag = doc.headers().firstValue("ETag").orElseThrow();
    assertThat(Json.MAPPER.readTree(doc.body()).path("paths")
        .has("/apis/apps/v1/namespaces/{namespace}/deployments/{name}")).isTrue();

    assertThat(get("/openapi/v3/apis/apps/v1", "If-None-Match", etag).statusCode())
        .isEqualTo(304);
    var stale = get("/openapi/v3/apis/apps/v1?hash=0123");
    assertThat(stale.statusCode()).isEqualTo(301);
    assertThat(stale.headers().firstValue("Location")).contains(url);
  }

  @Test
  void unservedDocumentsAreNotFound() throws Exception {
    var batch = get("/openapi/v3/apis/batch/v1");
    assertThat(batch.statusCode()).isEqualTo(404);
    assertThat(Json.MAPPER.readTree(batch.body()).path("kind").asText()).isEqualTo("Status");
  }

  /** kubectl 1.27 downloads v2 as protobuf before create -f; Go cannot parse its '@' type. */
  @Test
  void v2IsServedAsProtobufAndJson() throws Exception {
    var pb = get("/openapi/v2", "Accept", "application/com.github.proto-openapi.spec.v2@v1.0"
        + "+protobuf");
    assertThat(pb.statusCode()).isEqualTo(200);
    assertThat(pb.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(pb.body()).startsWith("\n\u00032.0").contains("x-kubernetes-group-version-kind");

    var json = Json.MAPPER.readTree(get("/openapi/v2", "Accept", "application/json").body());
    assertThat(json.path("swagger").asText()).isEqualTo("2.0");
    var patch = json.path("paths")
        .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
    assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText())
        .isEqualTo("Deployment");
    assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation");
  }

  /** kubectl validates against the server when /openapi/v3 shows it can: no download error. */
  @Test
  void kubectlCreateUsesServerSideValidation(@TempDir Path tmp) throws Exception {
    require(Files.isExecutable(KUBECTL), "kubectl 1.32 not installed");
    Path pod = tmp.resolve("pod.yaml");
    Files.writeString(pod, """
        apiVersion: v1
        kind: Pod
        metadata:
          name: validated
          namespace: default
        spec:
          containers:
          - name: c
            image: nginx
        """);
    Run create = kubectl(tmp, "create", "-f", pod.toString(), "-v=6");
    assertThat(create.output()).doesNotContain("failed to download openapi")
        .contains("GET " + f.url() + "/openapi/v3?timeout=32s 200 OK")
        .contains("GET " + f.url() + "/openapi/v3/api/v1?hash=")
        .contains("/api/v1/namespaces/default/pods?fieldManager=kubectl-create"
            + "&fieldValidation=Strict 201 Created")
        .contains("pod/validated created");
    assertThat(create.exit()).isEqualTo(0);

    Run explain = kubectl(tmp, "explain", "deployments.spec.template.spec.containers.ports");
    assertThat(explain.output()).contains("containerPort").contains("<integer>");
    assertThat(explain.exit()).isEqualTo(0);
  }

  private record Run(int exit, String output) {}

  private static Run kubectl(Path tmp, String... args) throws IOException, InterruptedException {
    Path config = tmp.resolve("kubeconfig");
    if (!Files.exists(config)) {
      Files.writeString(config, "apiVersion: v1\nkind: Config\n");
    }
    List<String> cmd = new ArrayList<>(List.of(KUBECTL.toString(), "--server", f.url(),
        "--cache-dir", tmp.resolve("cache").toString(), "--kubeconfig",
        config.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    System.out.println(String.join(" ", args) + " →\n" + out);
    return new Run(p.exitValue(), out);
  }

}
