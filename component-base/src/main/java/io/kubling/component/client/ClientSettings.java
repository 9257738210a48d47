package io.kubling.component.client;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.Module;
import java.time.Duration;

/**
 * How a component's API client behaves on the wire.
 *
 * <p>There is no QPS or burst setting: fabric8 has no client-side rate limiter, and its
 * maxConcurrentRequests is honoured only by the OkHttp and Jetty clients, not by the Vert.x 5
 * one used here. Capping the Vert.x connection pool instead would starve requests behind
 * long-running watches, so load is bounded by the work queues' backoff rather than the client.
 *
 * @param requestTimeout how long one request may take (watches are not bound by it)
 * @param connectTimeout how long opening a connection may take
 * @param userAgent the User-Agent header, so the API server's logs name the component
 * @param webSocketWatches watch over WebSocket (fabric8's default, and every component's)
 *     instead of chunked HTTP: fabric8 7.9's chunked-HTTP watch splits lines one character at
 *     a time through a StringBuffer, which costs more CPU than decoding the event (in the
 *     ReplicaSet benchmark ~80% of the controller manager's and agents' client event loops)
 * @param decoding a Jackson module added to this client's mapper (mix-ins that skip what the
 *     component never reads, say), or null for none
 */
public record ClientSettings(Duration requestTimeout, Duration connectTimeout, String userAgent,
    boolean webSocketWatches, Module decoding) {

  public ClientSettings {
    requireNonNull(requestTimeout, "requestTimeout should not be null");
    requireNonNull(connectTimeout, "connectTimeout should not be null");
    requireNonNull(userAgent, "userAgent should not be null");
  }

  /**
   * 10 s per request and per connect, fabric8's defaults, with the component's name as agent;
   * watches over WebSocket.
   */
  public static ClientSettings defaults(String component) {
    return new ClientSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), "kubling/" + component,
        true, null);
  }

  public ClientSettings withRequestTimeout(Duration timeout) {
    return new ClientSettings(timeout, connectTimeout, userAgent, webSocketWatches, decoding);
  }

  public ClientSettings withWebSocketWatches(boolean webSocket) {
    return new ClientSettings(requestTimeout, connectTimeout, userAgent, webSocket, decoding);
  }

  /**
   * These settings with {@code module} added to the client's mapper: a client whose component
   * reads little of what it lists and watches (the scheduler of its pods) skips the rest.
   */
  public ClientSettings withDecoding(Module module) {
    return new ClientSettings(requestTimeout, connectTimeout, userAgent, webSocketWatches, module);
  }
}
