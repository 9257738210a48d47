package io.kubling.e2e.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one collection over plain HTTP on a thread of its own and hands every ADDED or
 * MODIFIED object to a handler, for the test's stand-in components. A watch without a
 * resourceVersion starts with the current objects; a broken one is started again.
 */
final class WatchLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WatchLoop.class);

  private final Api api;
  private final String path;
  private final Consumer<JsonNode> handler;
  private final Thread thread;
  private volatile boolean closed;
  private volatile InputStream stream;

  private WatchLoop(Api api, String path, Consumer<JsonNode> handler, String name) {
    this.api = api;
    this.path = path;
    this.handler = handler;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /** Starts watching path (e.g. {@code /api/v1/pods}); handler runs on the watch thread. */
  static WatchLoop start(Api api, String path, Consumer<JsonNode> handler, String name) {
    WatchLoop loop = new WatchLoop(api, path, handler, name);
    loop.thread.start();
    return loop;
  }

  private void run() {
    while (!closed) {
      try (InputStream in = api.watch(path + "?watch=true")) {
        stream = in;
        BufferedReader lines = new BufferedReader(
            new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null && !closed;
            line = lines.readLine()) {
          JsonNode event = Api.JSON.readTree(line);
          String type = event.path("type").asText();
          if (type.equals("ADDED") || type.equals("MODIFIED")) {
            handle(event.path("object"));
          }
        }
      } catch (IOException e) {
        log.atDebug().addKeyValue("path", path).log("watch broke, watching again");
      } catch (InterruptedException e) {
        return;
      }
      if (!closed) {
        pause();
      }
    }
  }

  private void handle(JsonNode object) {
    try {
      handler.accept(object);
    } catch (RuntimeException | AssertionError e) {
      // As a controller would: log and go on; the next event of the object retries.
      log.atWarn().addKeyValue("object", object.path("metadata").path("name").asText())
          .setCause(e).log("stand-in failed to handle");
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    InputStream in = stream;
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing is all we want
      }
    }
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
