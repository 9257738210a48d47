package io.kubling.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.Http;
import io.kubling.apiserver.json.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A LIST bigger than one body piece and than the gzip threshold, over HTTP: whole, with the
 * length it announces, the same from the cache and from etcd, and the same when gzipped.
 */
class LargeListHttpTest {
  static final int MAPS = 8;
  static final int DATA = 100_000;
  static ApiServerFixture f;
  static Http http;
  static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void up() {
    f = new ApiServerFixture();
    http = new Http(f.url());
    assertThat(http.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"big\"}}").code())
        .isEqualTo(201);
    for (int i = 0; i < MAPS; i++) {
      String cm = "{\"metadata\":{\"name\":\"cm-" + i + "\"},\"data\":{\"k\":\""
          + Character.toString('a' + i).repeat(DATA) + "\"}}";
      assertThat(http.post("/api/v1/namespaces/big/configmaps", cm).code()).isEqualTo(201);
    }
  }

  @AfterAll
  static void down() {
    f.close();
  }

  static HttpResponse<byte[]> get(String path, boolean gzip) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(f.url() + path))
        .timeout(Duration.ofSeconds(30)).GET();
    if (gzip) {
      b.header("Accept-Encoding", "gzip");
    }
    HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r;
  }

  static void assertWhole(JsonNode list) {
    assertThat(list.path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(list.path("items")).hasSize(MAPS);
    for (int i = 0; i < MAPS; i++) {
      JsonNode item = list.path("items").get(i);
      assertThat(item.path("metadata").path("name").asText()).isEqualTo("cm-" + i);
      assertThat(item.path("data").path("k").asText())
          .isEqualTo(Character.toString('a' + i).repeat(DATA));
    }
  }

  @Test
  void fromCacheWholeWithItsLength() throws Exception {
    HttpResponse<byte[]> r = get("/api/v1/namespaces/big/configmaps?resourceVersion=0", false);
    assertThat(r.body().length).isGreaterThan(3 * ListBody.CHUNK);
    assertThat(r.headers().firstValueAsLong("content-length").orElse(-1))
        .isEqualTo(r.body().length);
    assertWhole(Json.MAPPER.readTree(r.body()));
  }

  @Test
  void gzippedIsTheSameList() throws Exception {
    String path = "/api/v1/namespaces/big/configmaps?resourceVersion=0";
    JsonNode plain = Json.MAPPER.readTree(get(path, false).body());
    HttpResponse<byte[]> z = get(path, true);
    assertThat(z.headers().firstValue("content-encoding")).hasValue("gzip");
    byte[] unzipped;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(z.body()))) {
      unzipped = in.readAllBytes();
    }
    assertThat(Json.MAPPER.readTree(unzipped)).isEqualTo(plain);
  }

  @Test
  void fromEtcdTheSameItems() throws Exception {
    JsonNode cached = Json.MAPPER.readTree(
        get("/api/v1/namespaces/big/configmaps?resourceVersion=0", false).body());
    String rv = cached.path("metadata").path("resourceVersion").asText();
    JsonNode exact = Json.MAPPER.readTree(get("/api/v1/namespaces/big/configmaps?resourceVersion="
        + rv + "&resourceVersionMatch=Exact", false).body());
    assertWhole(exact);
    assertThat(exact.path("items")).isEqualTo(cached.path("items"));
  }
}
