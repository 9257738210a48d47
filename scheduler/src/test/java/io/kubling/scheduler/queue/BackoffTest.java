package io.kubling.scheduler.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {
  @ParameterizedTest(name = "after {0} attempts wait {1}s")
  @CsvSource({"1, 1", "2, 2", "3, 4", "4, 8", "5, 10", "6, 10", "50, 10"})
  void doublesFromOneSecondToTen(int attempts, long seconds) {
    assertThat(Backoff.duration(attempts)).isEqualTo(Duration.ofSeconds(seconds));
  }
}
