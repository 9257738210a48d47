package io.kubling.scheduler.cache;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;

class SchedulerCacheTest {
  private final SchedulerCache cache = new SchedulerCache();

  @Test
  void assumedPodCountsAtOnceAndIsForgottenOnFailure() {
    cache.addOrUpdateNode(node("n1").build());
    PodInfo p = PodInfo.of(pod("p").cpu("1").build());
    assertThat(cache.assume(p, "n1")).isTrue();
    assertThat(cache.assume(p, "n1")).as("already assumed").isFalse();
    assertThat(cache.node("n1").requestedMilliCpu()).isEqualTo(1000);
    assertThat(cache.isAssumed("default/p")).isTrue();
    cache.forget("default/p");
    assertThat(cache.node("n1").requestedMilliCpu()).isZero();
    assertThat(cache.podCount()).isZero();
  }

  @Test
  void informerConfirmsTheAssumptionWithoutCountingTwice() {
    cache.addOrUpdateNode(node("n1").build());
    cache.assume(PodInfo.of(pod("p").cpu("1").build()), "n1");
    cache.addOrUpdatePod(PodInfo.of(pod("p").cpu("1").nodeName("n1").build()));
    assertThat(cache.isAssumed("default/p")).isFalse();
    assertThat(cache.node("n1").podCount()).isEqualTo(1);
    cache.forget("default/p");
    assertThat(cache.node("n1").podCount()).as("a confirmed pod is not forgotten").isEqualTo(1);
    cache.removePod("default/p");
    assertThat(cache.node("n1").podCount()).isZero();
  }

  @Test
  void bindingConfirmsOnlyTheSamePodAssumedOnTheSameNode() {
    cache.addOrUpdateNode(node("n1").build());
    cache.addOrUpdateNode(node("n2").build());
    PodInfo p = PodInfo.of(pod("p").cpu("1").build());
    cache.assume(p, "n1");
    assertThat(cache.confirm("default/p", p.uid(), "n2")).as("another node").isFalse();
    assertThat(cache.confirm("default/p", "other-uid", "n1")).as("another pod").isFalse();
    assertThat(cache.confirm("default/q", null, "n1")).as("not assumed").isFalse();
    assertThat(cache.isAssumed("default/p")).isTrue();
    assertThat(cache.confirm("default/p", p.uid(), "n1")).isTrue();
    assertThat(cache.isAssumed("default/p")).isFalse();
    assertThat(cache.confirm("default/p", p.uid(), "n1")).as("already confirmed").isFalse();
    assertThat(cache.node("n1").requestedMilliCpu()).isEqualTo(1000);
    assertThat(cache.node("n1").podCount()).isEqualTo(1);
    cache.forget("default/p");
    assertThat(cache.node("n1").podCount()).as("a confirmed pod is not forgotten").isEqualTo(1);
    cache.removePod("default/p");
    assertThat(cache.node("n1").requestedMilliCpu()).isZero();
    assertThat(cache.podCount()).isZero();
  }

  @Test
  void podsOnUnknownNodesAreKeptUntilTheNodeArrives() {
    cache.addOrUpdatePod(PodInfo.of(pod("p").cpu("1").nodeName("n2").build()));
    assertThat(cache.nodeCount()).isZero();
    cache.addOrUpdateNode(node("n2").build());
    assertThat(cache.nodeCount()).isEqualTo(1);
    assertThat(cache.node("n2").requestedMilliCpu()).isEqualTo(1000);
  }

  @Test
  void removingNodesKeepsTheListConsistent() {
    for (int i = 0; i < 5; i++) {
      cache.addOrUpdateNode(node("n" + i).build());
    }
    cache.removeNode("n1");
    cache.removeNode("n4");
    cache.addOrUpdateNode(node("n1").build());
    java.util.List<String> names =
        cache.withNodes(l -> l.stream().map(n -> n.name()).sorted().toList());
    assertThat(names).containsExactly("n0", "n1", "n2", "n3");
    cache.withNodes(l -> {
      for (int i = 0; i < l.size(); i++) {
        assertThat(l.get(i).listIndex).isEqualTo(i);
      }
      return null;
    });
  }
}
