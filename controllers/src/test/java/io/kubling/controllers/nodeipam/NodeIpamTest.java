package io.kubling.controllers.nodeipam;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeIpamTest {

  @ParameterizedTest(name = "{0} /{1} used [{2}] -> {3}")
  @CsvSource({
      "10.244.0.0/16, 24, '', 10.244.0.0/24",
      "10.244.0.0/16, 24, '10.244.0.0/24 10.244.1.0/24', 10.244.2.0/24",
      "10.244.0.0/16, 24, '10.244.1.0/24', 10.244.0.0/24",
      "10.0.0.0/30, 30, '10.0.0.0/30', none",
      "10.244.7.9/16, 26, '10.244.0.0/26', 10.244.0.64/26",
  })
  void nextFreeRange(String cluster, int mask, String used, String want) {
    Set<String> u = used.isEmpty() ? Set.of() : Set.of(used.split(" "));
    assertThat(NodeCidrs.next(cluster, mask, u).orElse("none")).isEqualTo(want);
  }

  /** A fake whose cache does not show writes until told: the controller must not reuse ranges. */
  static final class LaggingApi implements NodeIpamApi {
    final Map<String, Node> cache = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();

    @Override
    public Optional<Node> node(String name) {
      return Optional.ofNullable(cache.get(name));
    }

    @Override
    public List<Node> nodes() {
      return new ArrayList<>(cache.values());
    }

    @Override
    public void setPodCidr(Node node, String cidr) {
      writes.add(node.getMetadata().getName() + "=" + cidr);
    }
  }

  static Node node(String name, String cidr) {
    return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
        .withPodCIDR(cidr).endSpec().build();
  }

  @Test
  void neverHandsOutTheSameRangeTwiceAndReusesReleasedOnes() {
    LaggingApi api = new LaggingApi();
    NodeIpamReconciler r = new NodeIpamReconciler(api, "10.244.0.0/16", 24);
    api.cache.put("a", node("a", null));
    api.cache.put("b", node("b", null));
    api.cache.put("c", node("c", "10.244.0.0/24"));
    r.reconcile("a");
    r.reconcile("b");
    r.reconcile("a"); // cache still lags: no second write
    assertThat(api.writes).containsExactly("a=10.244.1.0/24", "b=10.244.2.0/24");
    api.cache.remove("a");
    r.reconcile("a"); // deleted: released
    api.cache.put("d", node("d", null));
    r.reconcile("d");
    assertThat(api.writes).last().isEqualTo("d=10.244.1.0/24");
  }
}
