package io.kubling.proxy.netns;

import static io.kubling.proxy.netns.LabSnapshots.*;
import static io.kubling.proxy.netns.RulesNetnsTestBase.assertSpread;
import static io.kubling.proxy.netns.RulesNetnsTestBase.histogram;
import static org.assertj.core.api.Assertions.assertThat;
import static io.kubling.testkit.Requirements.require;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The userspace mode with real connections: the proxy runs as a JVM in the node namespace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserspaceNetnsTest {
  private NetnsLab lab;
  private Process proxy;
  private Writer toProxy;
  private BufferedReader fromProxy;

  @BeforeAll
  void start() throws Exception {
    require(NetnsLab.available(), "needs root and iproute2 to create network namespaces");
    lab = new NetnsLab();
    lab.startServers();
    proxy = startProxyIn(lab, lab.node());
    toProxy = new OutputStreamWriter(proxy.getOutputStream(), StandardCharsets.UTF_8);
    fromProxy = new BufferedReader(new InputStreamReader(proxy.getInputStream(),
        StandardCharsets.UTF_8));
    awaitSynced();
  }

  static Process startProxyIn(NetnsLab lab, String ns) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder("ip", "netns", "exec", ns, java, "-cp",
        System.getProperty("java.class.path"), UserspaceNodeMain.class.getName())
        .redirectError(lab.dir().resolve("proxy.log").toFile()).start();
  }

  private void awaitSynced() throws IOException {
    String line = fromProxy.readLine();
    assertThat(line).as("proxy output (see proxy.log)").isEqualTo("synced");
  }

  private void send(String command) throws IOException {
    toProxy.write(command + "\n");
    toProxy.flush();
    awaitSynced();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (proxy != null) {
        toProxy.write("exit\n");
        toProxy.flush();
        if (!proxy.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          proxy.destroyForcibly();
        }
      }
    } finally {
      if (lab != null) {
        lab.close();
      }
    }
  }

  @Test
  void clusterIPFromAPodSpreadsOverThreeBackends() throws Exception {
    assertSpread(lab.requests(lab.clientPod(), WEB_IP, 80, 300));
  }

  @Test
  void clusterIPFromTheNodeItself() throws Exception {
    assertThat(histogram(lab.requests(lab.node(), WEB_IP, 80, 30)).keySet())
        .isSubsetOf("pod-a", "pod-b", "pod-c");
  }

  @Test
  void nodePortFromTheOtherNode() throws Exception {
    assertSpread(lab.requests(lab.other(), NetnsLab.NODE_IP, WEB_NODE_PORT, 300));
  }

  @Test
  void udpIsRelayedAndRepliesComeBackFromTheServiceAddress() throws Exception {
    // the client checks nothing but the answer; conntrack must undo the REDIRECT for it to land
    assertThat(histogram(lab.udpRequests(lab.clientPod(), ECHO_IP, 53, 30)).keySet())
        .isSubsetOf("pod-a", "pod-b", "pod-c").isNotEmpty();
  }

  @Test
  void clientIPAffinityPinsAClientToOneBackend() throws Exception {
    Map<String, Integer> h = histogram(lab.requests(lab.clientPod(), STICKY_IP, 80, 30));
    assertThat(h).hasSize(1);
    assertThat(h.keySet().iterator().next()).startsWith("pod-");
  }

  @Test
  void noEndpointsIsRejectedAtOnce() throws Exception {
    assertThat(lab.requests(lab.clientPod(), EMPTY_IP, 80, 3)).allSatisfy(a -> {
      assertThat(a).startsWith("ERR:ConnectionRefusedError:");
      assertThat(Double.parseDouble(a.split(":")[2])).isLessThan(0.5);
    });
  }

  @Test
  void anUnreadyPodGetsNoNewConnections() throws Exception {
    try {
      send("web pod-a,pod-b");
      assertThat(histogram(lab.requests(lab.clientPod(), WEB_IP, 80, 60)).keySet())
          .containsExactlyInAnyOrder("pod-a", "pod-b");
    } finally {
      send("standard");
    }
  }

  @Test
  void aKilledBackendIsRetriedAround() throws Exception {
    lab.killServer("pod-c");
    try {
      List<String> answers = lab.requests(lab.clientPod(), WEB_IP, 80, 60);
      // pod-c is still an endpoint: every third connect fails and is retried on the next pod
      assertThat(histogram(answers)).containsOnlyKeys("pod-a", "pod-b");
    } finally {
      lab.startServer("pod-c");
    }
  }
}
