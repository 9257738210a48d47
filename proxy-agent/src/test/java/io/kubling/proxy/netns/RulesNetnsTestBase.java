package io.kubling.proxy.netns;

import static io.kubling.proxy.netns.LabSnapshots.*;
import static org.assertj.core.api.Assertions.assertThat;
import static io.kubling.testkit.Requirements.require;

import io.kubling.proxy.Proxier;
import io.kubling.proxy.exec.CommandRunner;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real packets through a rule-based mode's rules, applied in the lab's node namespace. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RulesNetnsTestBase {
  protected NetnsLab lab;
  protected Proxier proxier;

  protected abstract Proxier proxier(CommandRunner node);

  /** The rule state the mode leaves in the node namespace, for the cleanup assertions. */
  protected abstract String dumpRules(CommandRunner node) throws Exception;

  /** Installs something the proxy does not own, to check it is left alone. */
  protected abstract void installForeignRules(CommandRunner node) throws Exception;

  protected abstract String foreignMarker();

  protected abstract String ownedMarker();

  @BeforeAll
  void lab() throws Exception {
    require(NetnsLab.available(), "needs root and iproute2 to create network namespaces");
    lab = new NetnsLab();
    lab.startServers();
    proxier = proxier(lab.in(lab.node()));
    installForeignRules(lab.in(lab.node()));
  }

  @AfterAll
  void tearDown() {
    if (lab != null) {
      lab.close();
    }
  }

  @BeforeEach
  void fullSync() throws Exception {
    proxier.sync(standard(), null);
  }

  static Map<String, Integer> histogram(List<String> answers) {
    Map<String, Integer> h = new TreeMap<>();
    answers.forEach(a -> h.merge(a.startsWith("ERR:") ? a.split(":")[1] : a, 1, Integer::sum));
    return h;
  }

  static void assertSpread(List<String> answers) {
    Map<String, Integer> h = histogram(answers);
    assertThat(h.keySet()).containsExactlyInAnyOrder("pod-a", "pod-b", "pod-c");
    int n = answers.size();
    h.values().forEach(c -> assertThat(c).isBetween(n * 20 / 100, n * 47 / 100));
  }

  @Test
  void clusterIPFromAPodSpreadsOverThreeBackends() throws Exception {
    assertSpread(lab.requests(lab.clientPod(), WEB_IP, 80, 300));
  }

  @Test
  void clusterIPFromTheNodeItself() throws Exception {
    List<String> answers = lab.requests(lab.node(), WEB_IP, 80, 30);
    assertThat(histogram(answers).keySet()).isSubsetOf("pod-a", "pod-b", "pod-c");
  }

  @Test
  void nodePortFromTheOtherNodeSpreadsOverThreeBackends() throws Exception {
    assertSpread(lab.requests(lab.other(), NetnsLab.NODE_IP, WEB_NODE_PORT, 300));
  }

  @Test
  void clientIPAffinityPinsAClientToOneBackend() throws Exception {
    List<String> answers = lab.requests(lab.clientPod(), STICKY_IP, 80, 30);
    assertThat(histogram(answers)).hasSize(1);
    assertThat(answers.get(0)).startsWith("pod-");
  }

  @Test
  void noEndpointsIsRejectedAtOnce() throws Exception {
    for (List<String> answers : List.of(lab.requests(lab.clientPod(), EMPTY_IP, 80, 3),
        lab.requests(lab.other(), NetnsLab.NODE_IP, EMPTY_NODE_PORT, 3))) {
      assertThat(answers).allSatisfy(a -> {
        assertThat(a).startsWith("ERR:ConnectionRefusedError:");
        assertThat(Double.parseDouble(a.split(":")[2])).isLessThan(0.5);
      });
    }
  }

  @Test
  void anUnreadyPodGetsNoNewConnectionsAfterAnIncrementalSync() throws Exception {
    proxier.sync(withWebEndpoints(pods("pod-a", "pod-b")), Set.of(WEB));
    Map<String, Integer> h = histogram(lab.requests(lab.clientPod(), WEB_IP, 80, 100));
    assertThat(h.keySet()).containsExactlyInAnyOrder("pod-a", "pod-b");
  }

  @Test
  void udpServicesWork() throws Exception {
    List<String> answers = lab.udpRequests(lab.clientPod(), ECHO_IP, 53, 30);
    assertThat(histogram(answers).keySet()).isSubsetOf("pod-a", "pod-b", "pod-c");
  }

  @Test
  void cleanupRemovesOnlyWhatTheProxyOwns() throws Exception {
    CommandRunner node = lab.in(lab.node());
    assertThat(dumpRules(node)).contains(ownedMarker()).contains(foreignMarker());
    proxier.cleanup();
    String after = dumpRules(node);
    assertThat(after).doesNotContain(ownedMarker()).contains(foreignMarker());
    assertThat(lab.requests(lab.clientPod(), WEB_IP, 80, 1).get(0)).startsWith("ERR:");
  }
}
