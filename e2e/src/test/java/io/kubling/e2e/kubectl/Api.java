package io.kubling.e2e.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * Plain HTTP to the API server, as curl would: to set up what kubectl then reads and to read
 * back what kubectl stored, without going through kubectl.
 */
final class Api {
  static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final HttpClient client;

  /** An API at base (http or https), presenting the client certificate in ssl when given. */
  Api(String base, javax.net.ssl.SSLContext ssl) {
    this.base = base;
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5));
    this.client = (ssl == null ? b : b.sslContext(ssl)).build();
  }

  /** JSON text as a tree, to compare with what the server stored regardless of key order. */
  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The response: status code and body, parsed when it is JSON. */
  record Response(int code, JsonNode body) {
    Response ok() {
      if (code / 100 != 2) {
        throw new AssertionError("HTTP " + code + ": " + body);
      }
      return this;
    }
  }

  Response get(String path) {
    return send(request(path).GET());
  }

  /** The object at path; fails unless it exists. */
  ObjectNode object(String path) {
    return (ObjectNode) get(path).ok().body();
  }

  Response post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json)));
  }

  Response put(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .PUT(BodyPublishers.ofString(json)));
  }

  Response patch(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType)
        .method("PATCH", BodyPublishers.ofString(body)));
  }

  Response delete(String path, String deleteOptions) {
    return send(request(path).header("Content-Type", "application/json")
        .method("DELETE", BodyPublishers.ofString(deleteOptions)));
  }

  /** A watch stream, one JSON event per line; the caller closes it to stop watching. */
  InputStream watch(String path) throws IOException, InterruptedException {
    HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
        .GET().build(), BodyHandlers.ofInputStream());
    if (r.statusCode() != 200) {
      r.body().close();
      throw new IOException("watch " + path + ": HTTP " + r.statusCode());
    }
    return r.body();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  private Response send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = client.send(b.build(), BodyHandlers.ofString());
      String body = r.body();
      JsonNode json = body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
      return new Response(r.statusCode(), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
