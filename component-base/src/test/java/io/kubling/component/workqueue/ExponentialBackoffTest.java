package io.kubling.component.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExponentialBackoffTest {

  @ParameterizedTest(name = "{0} earlier failures wait {1} ms")
  @CsvSource({
      "0, 5",
      "1, 10",
      "2, 20",
      "3, 40",
      "10, 5120",
      "17, 655360",
      "18, 1000000", // 5 ms × 2^18 = 1310.72 s, capped at 1000 s
      "40, 1000000",
      "62, 1000000",
      "1000, 1000000",
  })
  void delayDoublesFromFiveMillisecondsUpToThousandSeconds(int failures, long millis) {
    Duration d = ExponentialBackoff.delay(ExponentialBackoff.DEFAULT_BASE,
        ExponentialBackoff.DEFAULT_MAX, failures);
    assertThat(d).isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void eachFailureOfAKeyDoublesItsWait() {
    ExponentialBackoff<String> backoff = ExponentialBackoff.defaults();
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(20));
    assertThat(backoff.retries("a")).isEqualTo(3);
  }

  @Test
  void keysBackOffIndependently() {
    ExponentialBackoff<String> backoff = ExponentialBackoff.defaults();
    backoff.when("a");
    backoff.when("a");
    assertThat(backoff.when("b")).isEqualTo(Duration.ofMillis(5));
    assertThat(backoff.retries("a")).isEqualTo(2);
    assertThat(backoff.retries("b")).isEqualTo(1);
  }

  @Test
  void forgetStartsTheKeyOverFromTheBase() {
    ExponentialBackoff<String> backoff = ExponentialBackoff.defaults();
    backoff.when("a");
    backoff.when("a");
    backoff.forget("a");
    assertThat(backoff.retries("a")).isZero();
    assertThat(backoff.when("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void refusesABaseAboveTheMaximum() {
    assertThatThrownBy(() -> new ExponentialBackoff<String>(Duration.ofSeconds(2),
        Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
  }
}
