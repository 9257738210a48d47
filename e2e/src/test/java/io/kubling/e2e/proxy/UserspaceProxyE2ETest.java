package io.kubling.e2e.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The userspace mode: the agent relays connections itself, so it can retry a dead backend. */
class UserspaceProxyE2ETest extends ServiceProxyE2E {
  @Override
  String mode() {
    return "userspace";
  }

  @Test
  @Order(8)
  void aKilledBackendIsRetriedAround() throws Exception {
    // pods[0] is unready by now; pods[1]'s server dies but its endpoint stays ready
    String dead = pods.get(1);
    long pid = Long.parseLong(Files.readString(state.resolve(dead + ".pid")).strip());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    assertThat(endpointReady(dead)).isTrue();
    // every other connect goes to the dead pod first, fails, and is retried on the live one
    assertThat(traffic.requests(clientNetns, webIP, 80, 40)).containsOnly(pods.get(2));
  }
}
