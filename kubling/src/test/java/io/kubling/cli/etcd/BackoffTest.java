package io.kubling.cli.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  @ParameterizedTest
  @CsvSource({"1,1", "2,2", "3,4", "4,8", "5,16", "6,30", "7,30", "100,30", "0,1"})
  void doublesUpToThirtySeconds(int quickDeaths, long seconds) {
    assertThat(Backoff.delay(quickDeaths)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void aLongRunResetsTheBackoff() {
    Backoff b = new Backoff();
    Duration quick = Duration.ofSeconds(2);
    assertThat(b.next(quick)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.next(quick)).isEqualTo(Duration.ofSeconds(2));
    assertThat(b.next(quick)).isEqualTo(Duration.ofSeconds(4));
    assertThat(b.next(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.next(quick)).isEqualTo(Duration.ofSeconds(2));
  }
}
