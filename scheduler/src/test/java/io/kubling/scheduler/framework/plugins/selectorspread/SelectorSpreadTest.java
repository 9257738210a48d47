package io.kubling.scheduler.framework.plugins.selectorspread;

import static io.kubling.scheduler.Builders.node;
import static io.kubling.scheduler.Builders.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.scheduler.framework.NodeInfo;
import io.kubling.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectorSpreadTest {
  private final SelectorSpread plugin = new SelectorSpread();

  @ParameterizedTest(name = "{0} pods of the owner, {1} of another: raw {2}")
  @CsvSource({"0, 0, 0", "2, 0, 2", "1, 3, 1"})
  void countsPodsOfTheSameOwner(int same, int other, long raw) {
    NodeInfo info = NodeInfo.of(node("n").build());
    for (int i = 0; i < same; i++) {
      info.addPod(PodInfo.of(pod("s" + i).owner("rs-1").build()));
    }
    for (int i = 0; i < other; i++) {
      info.addPod(PodInfo.of(pod("o" + i).owner("rs-2").build()));
    }
    assertThat(plugin.score(PodInfo.of(pod("p").owner("rs-1").build()), info)).isEqualTo(raw);
  }

  @Test
  void fewerPodsOfTheOwnerScoreHigher() {
    long[] scores = {0, 1, 2, 4};
    plugin.normalize(null, scores);
    assertThat(scores).containsExactly(100, 75, 50, 0);
    long[] none = {0, 0};
    plugin.normalize(null, none);
    assertThat(none).containsExactly(100, 100);
  }

  @Test
  void bareePodsAreSkipped() {
    assertThat(plugin.skip(PodInfo.of(pod("p").build()))).isTrue();
    assertThat(plugin.skip(PodInfo.of(pod("p").owner("rs").build()))).isFalse();
  }
}
