package io.kubling.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.ApiServerFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** fieldValidation as kubectl uses it: Strict refuses unknown fields, Warn drops them and says so. */
class FieldValidationHttpTest {
  static ApiServerFixture f;
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final String CM = "{\"metadata\":{\"name\":\"%s\"},\"data\":{\"a\":\"b\"},\"dataa\":{}}";

  @BeforeAll
  static void up() {
    f = new ApiServerFixture();
  }

  @AfterAll
  static void down() {
    f.close();
  }

  static HttpResponse<String> post(String query, String body) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(URI.create(f.url()
            + "/api/v1/namespaces/default/configmaps" + query))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void strictRefusesUnknownFieldsWithKubernetesWording() throws Exception {
    HttpResponse<String> r = post("?fieldValidation=Strict", CM.formatted("strict"));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("strict decoding error: unknown field \\\"dataa\\\"");
    assertThat(post("", "{\"metadata\":{\"name\":\"strict\"}}").statusCode()).isEqualTo(201);
  }

  @Test
  void warnStoresWithoutTheUnknownFieldAndSendsAWarning() throws Exception {
    HttpResponse<String> r = post("?fieldValidation=Warn", CM.formatted("warned"));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().allValues("Warning")).singleElement().asString()
        .isEqualTo("299 - \"unknown field \\\"dataa\\\"\"");
    assertThat(r.body()).doesNotContain("dataa");
  }

  @Test
  void ignoreDropsSilentlyAndBadModesAreRefused() throws Exception {
    HttpResponse<String> r = post("?fieldValidation=Ignore", CM.formatted("ignored"));
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().allValues("Warning")).isEmpty();
    assertThat(r.body()).doesNotContain("dataa");
    assertThat(post("?fieldValidation=Loose", CM.formatted("loose")).statusCode())
        .isEqualTo(422);
  }
}
