package io.kubling.scheduler;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static io.kubling.scheduler.Builders.req;
import static io.kubling.scheduler.Builders.term;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import io.kubling.scheduler.framework.Profile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenericSchedulerTest {
  private final GenericScheduler scheduler = new GenericScheduler(Profile.defaults(), 0,
      new Random(1));

  @ParameterizedTest(name = "{1} nodes at {0}% -> {2}")
  @CsvSource({"0, 10, 10", "0, 99, 99", "0, 100, 100", "0, 1000, 420", "0, 5000, 500",
      "0, 6000, 300", "0, 10000, 500", "0, 200, 100", "50, 1000, 500", "1, 1000, 100",
      "100, 5000, 5000"})
  void numFeasibleNodesToFind(int percentage, int nodes, int expected) {
    assertThat(GenericScheduler.numFeasibleNodesToFind(percentage, nodes)).isEqualTo(expected);
  }

  @Test
  void messageCountsFirstFailingFilterOfEachNode() {
    List<NodeInfo> nodes = List.of(
        NodeInfo.of(node("node01").taint("spray", "mortein", "NoSchedule").build()),
        NodeInfo.of(node("node02").resources("1", "8Gi", "110").build()),
        NodeInfo.of(node("node03").resources("1", "8Gi", "110").build()));
    ScheduleResult r = scheduler.schedule(PodInfo.of(pod("p").cpu("2").build()), nodes);
    assertThat(r.scheduled()).isFalse();
    assertThat(r.message()).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated"
        + " taint {spray: mortein}, 2 Insufficient cpu.");
  }

  @Test
  void picksTheNodeThePluginsPrefer() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      nodes.add(NodeInfo.of(node("n" + i).label("zone", i == 3 ? "b" : "a").build()));
    }
    PodInfo p = PodInfo.of(pod("p").preferred(10, term(req("zone", "In", "b"))).build());
    for (int i = 0; i < 10; i++) {
      assertThat(scheduler.schedule(p, nodes).node()).isEqualTo("n3");
    }
  }

  @Test
  void leastAllocatedAndSpreadingBalanceAReplicaSet() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      nodes.add(NodeInfo.of(node("n" + i).build()));
    }
    Map<String, Integer> perNode = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      PodInfo p = PodInfo.of(pod("p" + i).owner("rs").cpu("50m").build());
      String chosen = scheduler.schedule(p, nodes).node();
      nodes.stream().filter(n -> n.name().equals(chosen)).findFirst().orElseThrow().addPod(p);
      perNode.merge(chosen, 1, Integer::sum);
    }
    assertThat(perNode).containsOnlyKeys("n0", "n1", "n2", "n3");
    assertThat(perNode.values()).allSatisfy(c -> assertThat(c).isEqualTo(10));
  }

  @Test
  void stopsFilteringOnceEnoughFeasibleNodesAreFoundAndRotatesTheStart() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      nodes.add(NodeInfo.of(node("n" + i).build()));
    }
    ScheduleResult first = scheduler.schedule(PodInfo.of(pod("a").build()), nodes);
    assertThat(first.evaluatedNodes()).isEqualTo(420);
    assertThat(first.feasibleNodes()).isEqualTo(420);
    ScheduleResult second = scheduler.schedule(PodInfo.of(pod("b").build()), nodes);
    assertThat(second.evaluatedNodes()).isEqualTo(420);
    // The second pod started where the first stopped, so it chose among n420..n839.
    int index = Integer.parseInt(second.node().substring(1));
    assertThat(index).isBetween(420, 839);
  }

  @Test
  void tiesAreBrokenAtRandom() {
    int[] hits = new int[3];
    Random random = new Random(42);
    for (int i = 0; i < 600; i++) {
      int chosen = GenericScheduler.selectHost(new long[] {5, 7, 7}, random);
      hits[chosen]++;
    }
    assertThat(hits[0]).isZero();
    assertThat(hits[1]).isBetween(200, 400);
    assertThat(hits[2]).isBetween(200, 400);
  }

  @Test
  void filtersThatCannotFailAPodAreSkippedForIt() {
    Profile profile = Profile.defaults();
    assertThat(names(profile.filtersFor(PodInfo.of(pod("plain").build())))).containsExactly(
        "NodeUnschedulable", "NodeReady", "TaintToleration", "NodeResourcesFit");
    PodInfo picky = PodInfo.of(pod("picky").nodeSelector("disk", "ssd").hostPort(80)
        .nodeName("n1").build());
    assertThat(names(profile.filtersFor(picky))).containsExactly("NodeUnschedulable",
        "NodeReady", "NodeName", "TaintToleration", "NodeAffinity", "NodePorts",
        "NodeResourcesFit");
    PodInfo affinity = PodInfo.of(pod("affinity").required(term(req("zone", "In", "a")))
        .build());
    assertThat(names(profile.filtersFor(affinity))).contains("NodeAffinity");
  }

  private static List<String> names(io.kubling.scheduler.framework.FilterPlugin[] filters) {
    return java.util.Arrays.stream(filters).map(f -> f.name()).toList();
  }

  @Test
  void noNodes() {
    assertThat(scheduler.schedule(PodInfo.of(pod("p").build()), List.of()).message())
        .isEqualTo("no nodes available to schedule pods");
  }
}
