package io.kubling.ingress.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which headers the proxy passes on, and what it reads from Connection and Keep-Alive. */
class HopByHopTest {
  @Test
  void hopByHopHeadersAndThoseConnectionNamesStayBehind() {
    MultiMap from = MultiMap.caseInsensitiveMultiMap()
        .add("Connection", "keep-alive, X-Private, x-private")
        .add("Keep-Alive", "timeout=5").add("TE", "trailers").add("Transfer-Encoding", "chunked")
        .add("Upgrade", "h2c").add("Proxy-Authorization", "Basic x").add("Trailer", "Expires")
        .add("X-Private", "secret").add("Accept", "text/plain").add("Accept", "text/html")
        .add("X-Forwarded-For", "10.0.0.1");
    MultiMap to = MultiMap.caseInsensitiveMultiMap();
    HopByHop.copy(from, to);
    assertThat(to.names()).containsExactlyInAnyOrder("Accept", "X-Forwarded-For");
    assertThat(to.getAll("accept")).containsExactly("text/plain", "text/html");
  }

  @Test
  void connectionTokensBeyondCloseAndKeepAliveAreListed() {
    assertThat(HopByHop.listedIn(null)).isNull();
    assertThat(HopByHop.listedIn("close")).isNull();
    assertThat(HopByHop.listedIn(" Keep-Alive ")).isNull();
    assertThat(HopByHop.listedIn("Upgrade, foo")).isEqualTo(List.of("Upgrade", "foo"));
    assertThat(HopByHop.names("Keep-Alive, Upgrade", "upgrade")).isTrue();
    assertThat(HopByHop.names("closer", "close")).isFalse();
  }

  @Test
  void keepAliveTimeoutIsReadHalfASecondShort() {
    assertThat(Forwarder.keepAliveTimeoutMillis("timeout=5, max=100")).isEqualTo(4500);
    assertThat(Forwarder.keepAliveTimeoutMillis("max=100")).isEqualTo(-1);
    assertThat(Forwarder.keepAliveTimeoutMillis("Timeout=0")).isZero();
    assertThat(Forwarder.keepAliveTimeoutMillis("timeout=soon")).isEqualTo(-1);
  }
}
