package io.kubling.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HumanDurationTest {
  private static Duration h(long hours) {
    return Duration.ofHours(hours);
  }

  static Stream<Arguments> durations() {
    return Stream.of(
        // apimachinery's own table (duration_test.go)
        Arguments.of(Duration.ofSeconds(1), "1s"),
        Arguments.of(Duration.ofSeconds(70), "70s"),
        Arguments.of(Duration.ofSeconds(190), "3m10s"),
        Arguments.of(Duration.ofMinutes(70), "70m"),
        Arguments.of(h(47), "47h"),
        Arguments.of(h(49), "2d1h"),
        Arguments.of(h(8 * 24 + 2), "8d"),
        Arguments.of(h(367 * 24), "367d"),
        Arguments.of(h(365 * 2 * 24 + 25), "2y1d"),
        Arguments.of(h(365 * 8 * 24 + 2), "8y"),
        // the boundaries
        Arguments.of(Duration.ZERO, "0s"),
        Arguments.of(Duration.ofMillis(999), "0s"),
        Arguments.of(Duration.ofMillis(-1500), "0s"),
        Arguments.of(Duration.ofSeconds(-1), "0s"),
        Arguments.of(Duration.ofSeconds(-2), "<invalid>"),
        Arguments.of(Duration.ofSeconds(119), "119s"),
        Arguments.of(Duration.ofSeconds(120), "2m"),
        Arguments.of(Duration.ofSeconds(9 * 60 + 59), "9m59s"),
        Arguments.of(Duration.ofMinutes(10), "10m"),
        Arguments.of(Duration.ofMinutes(179), "179m"),
        Arguments.of(h(3), "3h"),
        Arguments.of(Duration.ofMinutes(3 * 60 + 5), "3h5m"),
        Arguments.of(Duration.ofMinutes(7 * 60 + 59), "7h59m"),
        Arguments.of(h(8), "8h"),
        Arguments.of(h(48), "2d"),
        Arguments.of(h(7 * 24 + 23), "7d23h"),
        Arguments.of(h(400 * 24), "400d"),
        Arguments.of(h(365 * 2 * 24 + 23), "2y"),
        Arguments.of(Duration.ofDays(365 * 1000), "292y"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("durations")
  void format(Duration d, String expected) {
    assertThat(HumanDuration.format(d)).isEqualTo(expected);
  }

  @Test
  void since() {
    Instant now = Fixtures.NOW;
    assertThat(HumanDuration.since(now.minusSeconds(3 * 60 + 12), now)).isEqualTo("3m12s");
    assertThat(HumanDuration.since(null, now)).isEqualTo("<unknown>");
  }
}
